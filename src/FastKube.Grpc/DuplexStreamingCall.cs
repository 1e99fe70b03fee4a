namespace FastKube.Grpc;

/// <summary>A bidirectional call; disposing it before the end cancels the call.</summary>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IDisposable _call;

    internal DuplexStreamingCall(IRequestSink<TRequest> sink, IResponseSource<TResponse> source, IDisposable call)
    {
        RequestStream = new GrpcRequestStream<TRequest>(sink);
        ResponseStream = new GrpcResponseStream<TResponse>(source);
        _call = call;
    }

    public GrpcRequestStream<TRequest> RequestStream { get; }

    public GrpcResponseStream<TResponse> ResponseStream { get; }

    public void Dispose() => _call.Dispose();
}
