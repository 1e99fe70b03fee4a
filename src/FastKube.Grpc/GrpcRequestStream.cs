namespace FastKube.Grpc;

/// <summary>The messages a client streams to the server; one write at a time, then <see cref="CompleteAsync"/>.</summary>
public sealed class GrpcRequestStream<T>
{
    private readonly IRequestSink<T> _sink;

    internal GrpcRequestStream(IRequestSink<T> sink) => _sink = sink;

    public Task WriteAsync(T message, CancellationToken cancellationToken = default) => _sink.WriteAsync(message, cancellationToken);

    /// <summary>Half-closes the call (END_STREAM on the request); the response may continue.</summary>
    public Task CompleteAsync() => _sink.CompleteAsync();
}
