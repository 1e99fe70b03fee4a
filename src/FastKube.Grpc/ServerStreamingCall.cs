namespace FastKube.Grpc;

/// <summary>A server-streaming call; disposing it before the end cancels the call.</summary>
public sealed class ServerStreamingCall<TResponse> : IDisposable
{
    private readonly IDisposable _call;

    internal ServerStreamingCall(IResponseSource<TResponse> source, IDisposable call)
    {
        ResponseStream = new GrpcResponseStream<TResponse>(source);
        _call = call;
    }

    public GrpcResponseStream<TResponse> ResponseStream { get; }

    public void Dispose() => _call.Dispose();
}
