namespace FastKube.Grpc;

/// <summary>The request side of a bidirectional call: messages written one at a time, then END_STREAM.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IRequestSink<TRequest>
{
    private PushStreamContent? _push;
    private int _writing;
    private bool _requestCompleted;

    public void StartDuplex()
    {
        _push = new PushStreamContent();
        Start(_push);
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        if (_push is null)
        {
            throw new InvalidOperationException("only bidirectional calls write request messages");
        }

        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("a write is already in progress; await it before writing the next message");
        }

        try
        {
            if (_requestCompleted)
            {
                throw new InvalidOperationException("the request stream is already completed");
            }

            using var frame = _channel.Serialize(_method.RequestMarshaller, message);
            using var registration = RegisterCaller(cancellationToken);
            try
            {
                var stream = await _push.Stream.WaitAsync(_cts.Token).ConfigureAwait(false);
                await stream.WriteAsync(frame.CompleteFrame(), _cts.Token).ConfigureAwait(false);
                await stream.FlushAsync(_cts.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not RpcException)
            {
                // A server that ended the call with an error status is the real reason a write failed.
                if (_responseTask is { IsCompletedSuccessfully: true } done && GrpcStatus.Read(done.Result.Headers, out _) is { } status)
                {
                    throw status;
                }

                throw Translate(exception, cancellationToken);
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public Task CompleteAsync()
    {
        _requestCompleted = true;
        _push?.Complete();
        return Task.CompletedTask;
    }

    private void DisposeRequestStream() => _push?.Fail(new ObjectDisposedException(nameof(GrpcCall<TRequest, TResponse>)));
}
