using System.Net;

namespace FastKube.Grpc;

/// <summary>
/// A request body the caller writes message by message (bidirectional calls). HttpClient hands over the
/// HTTP/2 request stream when it starts sending the body, which on HTTP/2 happens right after the request
/// headers and independently of the response, so writes never wait for the server's headers.
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushStreamContent()
    {
        Headers.ContentType = GrpcProtocol.ContentType;
    }

    /// <summary>The open request stream, once HttpClient started sending the body.</summary>
    public Task<Stream> Stream => _stream.Task;

    /// <summary>Ends the request body (END_STREAM).</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Abandons the body: a writer waiting for the stream fails with <paramref name="exception"/>.</summary>
    public void Fail(Exception exception)
    {
        _stream.TrySetException(exception);
        _completed.TrySetException(exception);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
