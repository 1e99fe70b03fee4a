using System.Buffers;

namespace FastKube.Grpc;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over pooled arrays that reserves the 5-byte gRPC prefix, so a message
/// serializes straight into its frame and the prefix is filled in afterwards.
/// </summary>
internal sealed class PooledFrameWriter : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 256;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _written = GrpcFrame.HeaderSize;

    /// <summary>The message length so far (without the prefix).</summary>
    public int MessageLength => _written - GrpcFrame.HeaderSize;

    /// <summary>The whole frame, prefix filled in; valid until the writer is disposed.</summary>
    public ReadOnlyMemory<byte> CompleteFrame()
    {
        GrpcFrame.WriteHeader(_buffer, MessageLength);
        return _buffer.AsMemory(0, _written);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        long size = Math.Max((long)_buffer.Length * 2, (long)_written + needed);
        byte[] next = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, Array.MaxLength));
        _buffer.AsSpan(0, _written).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}
