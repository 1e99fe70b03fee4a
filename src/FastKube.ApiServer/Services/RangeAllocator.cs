using System.Collections;

namespace FastKube.ApiServer.Services;

/// <summary>
/// A bitmap over the offsets 0..size-1 of a range, as upstream's allocator.Bitmap: offsets are taken by
/// request or handed out dynamically. Dynamic allocation starts at a random offset of the upper band and
/// wraps inside it before trying the lower band, which upstream (KEP-3070, on since 1.26) keeps for static
/// requests so that a user picking an address rarely collides with a dynamic one. Not thread-safe: the
/// owner serializes access.
/// </summary>
internal sealed class RangeAllocator
{
    private readonly BitArray _used;
    private readonly int _lowerBand;
    private int _count;

    /// <param name="size">Number of offsets.</param>
    public RangeAllocator(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _used = new BitArray(size);

        // Upstream's calculateRangeOffset: min(max(16, size/16), 256), none for ranges under 16.
        _lowerBand = size < 16 ? 0 : Math.Min(Math.Max(16, size / 16), 256);
    }

    public int Size => _used.Length;

    public int Free => Size - _count;

    public bool IsAllocated(int offset) => _used[offset];

    /// <summary>Takes <paramref name="offset"/>; false when it is taken already.</summary>
    public bool Allocate(int offset)
    {
        if (_used[offset])
        {
            return false;
        }

        _used[offset] = true;
        _count++;
        return true;
    }

    /// <summary>A free offset, upper band first; -1 when the range is full.</summary>
    public int AllocateNext()
    {
        var offset = Scan(_lowerBand, Size);
        if (offset < 0)
        {
            offset = Scan(0, _lowerBand);
        }

        if (offset >= 0)
        {
            Allocate(offset);
        }

        return offset;
    }

    public void Release(int offset)
    {
        if (_used[offset])
        {
            _used[offset] = false;
            _count--;
        }
    }

    private int Scan(int from, int to)
    {
        if (to <= from)
        {
            return -1;
        }

        var start = Random.Shared.Next(from, to);
        for (var i = 0; i < to - from; i++)
        {
            var offset = from + ((start - from + i) % (to - from));
            if (!_used[offset])
            {
                return offset;
            }
        }

        return -1;
    }
}
