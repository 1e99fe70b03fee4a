namespace FastKube.Grpc;

/// <summary>
/// A call that ended with a non-OK gRPC status: sent by the server (from its trailers, or its headers in a
/// trailers-only response), derived from the HTTP exchange, or raised by the client itself (deadline,
/// message size limits, malformed frames). <see cref="Detail"/> is the decoded <c>grpc-message</c>.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(StatusCode statusCode, string detail, Exception? innerException = null)
        : base($"Status(StatusCode=\"{statusCode}\", Detail=\"{detail}\")", innerException)
    {
        StatusCode = statusCode;
        Detail = detail;
    }

    public StatusCode StatusCode { get; }

    public string Detail { get; }
}
