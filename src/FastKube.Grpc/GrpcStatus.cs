using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FastKube.Grpc;

/// <summary>Reads a call's status from response headers or trailers, as PROTOCOL-HTTP2.md describes.</summary>
internal static class GrpcStatus
{
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";

    /// <summary>The status in <paramref name="headers"/>, or null when it carries no <c>grpc-status</c>.</summary>
    public static RpcException? Read(HttpHeaders headers, out bool present)
    {
        present = headers.TryGetValues(StatusHeader, out var values);
        if (!present)
        {
            return null;
        }

        string raw = values!.FirstOrDefault() ?? string.Empty;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int code))
        {
            return new RpcException(StatusCode.Unknown, $"invalid grpc-status value \"{raw}\"");
        }

        if (code == 0)
        {
            return null;
        }

        string detail = headers.TryGetValues(MessageHeader, out var messages) ? PercentDecode(messages.FirstOrDefault() ?? string.Empty) : string.Empty;
        // Codes outside 0..16 are Unknown to a client that does not know them (grpc-go keeps the number; we cannot in an enum).
        var status = code is > 0 and <= (int)StatusCode.Unauthenticated ? (StatusCode)code : StatusCode.Unknown;
        return new RpcException(status, detail);
    }

    /// <summary>
    /// The status a non-200 HTTP response stands for, per the gRPC spec's http-grpc-status-mapping.md
    /// (an intermediary answered, not a gRPC server).
    /// </summary>
    public static RpcException FromHttpStatus(HttpStatusCode httpStatus)
    {
        var code = httpStatus switch
        {
            HttpStatusCode.BadRequest => StatusCode.Internal,
            HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
            HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
            HttpStatusCode.NotFound => StatusCode.Unimplemented,
            HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        return new RpcException(code, $"unexpected HTTP status code received from server: {(int)httpStatus} ({httpStatus})");
    }

    /// <summary>
    /// Decodes grpc-message: UTF-8 bytes with every byte outside printable ASCII, and '%' itself, written as
    /// %XX. A malformed escape is kept literally, as grpc-go does, rather than failing the call over its
    /// message. A raw non-ASCII byte (a non-conforming server) arrives as one Latin-1 char from HttpClient's
    /// header decoding and is taken back as that byte.
    /// </summary>
    public static string PercentDecode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add(byte.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c <= 0xFF)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, 1)));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
