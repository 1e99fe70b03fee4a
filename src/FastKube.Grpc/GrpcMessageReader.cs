using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace FastKube.Grpc;

/// <summary>
/// Reads length-prefixed messages from a response body, enforcing the receive limit before renting memory
/// for a message, and telling a clean end of stream (at a frame boundary) from a truncated frame.
/// </summary>
internal sealed class GrpcMessageReader<T>(Stream body, GrpcMarshaller<T> marshaller, int maxReceiveMessageSize)
{
    private readonly byte[] _header = new byte[GrpcFrame.HeaderSize];

    /// <summary>The next message, or false at the end of the body.</summary>
    public async ValueTask<(bool HasMessage, T? Message)> ReadAsync(CancellationToken cancellationToken)
    {
        int read = await body.ReadAtLeastAsync(_header, GrpcFrame.HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return (false, default);
        }

        if (read < GrpcFrame.HeaderSize)
        {
            ThrowMalformed($"incomplete message header: {read} of {GrpcFrame.HeaderSize} bytes before the end of the stream");
        }

        var result = GrpcFrame.ReadHeader(_header, maxReceiveMessageSize, out uint length);
        switch (result)
        {
            case FrameHeaderResult.Ok:
                break;
            case FrameHeaderResult.TooLarge:
                // grpc-go's wording, so operators recognise it.
                throw new RpcException(StatusCode.ResourceExhausted, $"grpc: received message larger than max ({length} vs. {maxReceiveMessageSize})");
            case FrameHeaderResult.Compressed:
                ThrowMalformed("grpc: compressed flag set on a message, but no grpc-encoding was negotiated (the client accepts identity only)");
                break;
            default:
                ThrowMalformed($"grpc: invalid compressed flag {_header[0]} in message header");
                break;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            read = length == 0 ? 0 : await body.ReadAtLeastAsync(buffer.AsMemory(0, (int)length), (int)length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read < length)
            {
                ThrowMalformed($"incomplete message: {read} of {length} bytes before the end of the stream");
            }

            T message;
            try
            {
                message = marshaller.Deserialize(new ReadOnlySequence<byte>(buffer, 0, (int)length));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new RpcException(StatusCode.Internal, $"grpc: failed to unmarshal the received message: {exception.Message}", exception);
            }

            return (true, message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [DoesNotReturn]
    private static void ThrowMalformed(string detail) => throw new RpcException(StatusCode.Internal, detail);
}
