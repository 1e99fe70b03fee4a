using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FastKube.Grpc.Tests.Support;

/// <summary>Server-side wire helpers for <see cref="TestGrpcServer"/> handlers, written against the spec, not the client.</summary>
internal static class TestFrames
{
    public static readonly GrpcMarshaller<string> Utf8 = new(
        (value, writer) => writer.Write(Encoding.UTF8.GetBytes(value)),
        sequence => Encoding.UTF8.GetString(sequence.ToArray()));

    public static GrpcMethod<string, string> Method(string name) => new("test.Service", name, Utf8, Utf8);

    /// <summary>The next request message, or null at the end of the request body.</summary>
    public static async Task<string?> ReadMessageAsync(HttpRequest request)
    {
        byte[] header = new byte[5];
        int read = await request.Body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, request.HttpContext.RequestAborted);
        if (read == 0)
        {
            return null;
        }

        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        byte[] body = new byte[length];
        await request.Body.ReadExactlyAsync(body, request.HttpContext.RequestAborted);
        return Encoding.UTF8.GetString(body);
    }

    public static void StartGrpcResponse(HttpResponse response) => response.ContentType = "application/grpc";

    /// <summary>Writes one frame; <paramref name="flag"/> and <paramref name="declaredLength"/> let a test break the format.</summary>
    public static async Task WriteMessageAsync(HttpResponse response, string message, byte flag = 0, int? declaredLength = null)
    {
        byte[] payload = Encoding.UTF8.GetBytes(message);
        byte[] frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? payload.Length));
        payload.CopyTo(frame, 5);
        await response.Body.WriteAsync(frame);
        await response.Body.FlushAsync();
    }

    public static void Trailers(HttpResponse response, int status, string? message = null)
    {
        response.AppendTrailer("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message is not null)
        {
            response.AppendTrailer("grpc-message", message);
        }
    }

    /// <summary>A trailers-only response, as grpc-go sends errors: the status in the headers and no body.</summary>
    public static void TrailersOnly(HttpResponse response, int status, string message)
    {
        StartGrpcResponse(response);
        response.Headers["grpc-status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = message;
    }

    /// <summary>A unary echo: reads one message, answers "echo:" + it, status OK in the trailers.</summary>
    public static async Task EchoAsync(HttpContext context)
    {
        string? request = await ReadMessageAsync(context.Request);
        StartGrpcResponse(context.Response);
        await WriteMessageAsync(context.Response, "echo:" + request);
        Trailers(context.Response, 0);
    }
}
