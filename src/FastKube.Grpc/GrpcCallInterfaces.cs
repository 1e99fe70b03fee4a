namespace FastKube.Grpc;

/// <summary>What a response stream reads from (a call).</summary>
internal interface IResponseSource<T>
{
    T Current { get; }

    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken);
}

/// <summary>What a request stream writes to (a bidirectional call).</summary>
internal interface IRequestSink<T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken);

    Task CompleteAsync();
}
