using System.Buffers.Binary;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace FastKube.Cri.Tests.Support;

/// <summary>
/// A CRI endpoint on a unix socket (Kestrel, HTTP/2 prior knowledge) that records each call's path and
/// grpc-timeout and answers with whatever message the test registered for the path, or a trailers-only
/// status. Used to check what the CRI clients put on the wire without a containerd.
/// </summary>
internal sealed class RecordingCriServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly Dictionary<string, Func<byte[], IMessage>> _answers = new(StringComparer.Ordinal);

    private RecordingCriServer(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
    }

    public string SocketPath => Path.Combine(_directory, "cri.sock");

    /// <summary>(path, grpc-timeout or null, request bytes) per call, in arrival order.</summary>
    public List<(string Path, string? Timeout, byte[] Request)> Calls { get; } = [];

    public static async Task<RecordingCriServer> StartAsync()
    {
        string directory = Directory.CreateTempSubdirectory("fk-cri-fake-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.ListenUnixSocket(Path.Combine(directory, "cri.sock"), listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var server = new RecordingCriServer(app, directory);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Answers calls to <paramref name="path"/> with the message built from the request bytes.</summary>
    public void Answer(string path, Func<byte[], IMessage> answer) => _answers[path] = answer;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task HandleAsync(HttpContext context)
    {
        byte[] header = new byte[5];
        await context.Request.Body.ReadExactlyAsync(header);
        byte[] request = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await context.Request.Body.ReadExactlyAsync(request);
        string path = context.Request.Path.Value!;
        lock (Calls)
        {
            Calls.Add((path, context.Request.Headers["grpc-timeout"].FirstOrDefault(), request));
        }

        context.Response.ContentType = "application/grpc";
        if (!_answers.TryGetValue(path, out var answer))
        {
            context.Response.Headers["grpc-status"] = "12";
            context.Response.Headers["grpc-message"] = "unknown method " + path;
            return;
        }

        byte[] body = answer(request).ToByteArray();
        byte[] frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        await context.Response.Body.WriteAsync(frame);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
