using System.Buffers;

namespace FastKube.Netlink;

/// <summary>
/// A growable contiguous buffer rented from <see cref="ArrayPool{T}"/>. Netlink writers need random access to
/// what they already wrote (message and nested-attribute lengths are filled in afterwards), which a generic
/// <see cref="IBufferWriter{T}"/> cannot give; one contiguous array also lets a whole nf_tables batch go to
/// the kernel in a single send, as atomicity requires.
/// </summary>
public sealed class NetlinkBuffer : IDisposable
{
    private byte[] _array;

    public NetlinkBuffer(int initialCapacity = 16 * 1024)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Length);

    /// <summary>Bytes already written, for back-filling lengths.</summary>
    internal Span<byte> Written => _array.AsSpan(0, Length);

    /// <summary>Appends <paramref name="size"/> zeroed bytes and returns them to write into.</summary>
    public Span<byte> Append(int size)
    {
        if (Length + size > _array.Length)
        {
            Grow(Length + size);
        }

        var span = _array.AsSpan(Length, size);
        span.Clear();
        Length += size;
        return span;
    }

    /// <summary>Drops everything written after <paramref name="length"/> (a rolled-back message).</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length);
        Length = length;
    }

    public void Reset() => Length = 0;

    public void Dispose()
    {
        var array = _array;
        _array = [];
        Length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Grow(int needed)
    {
        ObjectDisposedException.ThrowIf(_array.Length == 0, this);
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
        _array.AsSpan(0, Length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_array);
        _array = next;
    }
}
