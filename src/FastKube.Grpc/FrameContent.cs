using System.Net;
using System.Net.Http.Headers;

namespace FastKube.Grpc;

/// <summary>A request body of exactly one framed message (unary and server-streaming calls).</summary>
internal sealed class FrameContent : HttpContent
{
    private readonly PooledFrameWriter _frame;

    public FrameContent(PooledFrameWriter frame)
    {
        _frame = frame;
        Headers.ContentType = GrpcProtocol.ContentType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_frame.CompleteFrame(), cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _frame.MessageLength + GrpcFrame.HeaderSize;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _frame.Dispose();
        }

        base.Dispose(disposing);
    }
}
