namespace FastKube.Storage.Sqlite;

/// <summary>
/// The newest committed events, so a watch starting at a recent revision (the common case: an
/// informer re-watching after a list) replays from memory instead of the table. Bounded by an event
/// count and by the bytes of the values it holds, whichever is reached first.
/// </summary>
internal sealed class RecentEvents
{
    private readonly Lock gate = new();
    private readonly WatchEvent[] ring;
    private readonly long maxBytes;
    private long head;
    private int count;
    private long bytes;

    public RecentEvents(int capacity, long maxBytes)
    {
        ring = new WatchEvent[Math.Max(capacity, 1)];
        this.maxBytes = maxBytes;
    }

    /// <summary>Adds committed events; revisions are contiguous across calls.</summary>
    public void Append(ReadOnlySpan<WatchEvent> events)
    {
        lock (gate)
        {
            foreach (ref readonly var e in events)
            {
                if (count == ring.Length)
                {
                    DropOldest();
                }

                ring[(head + count) % ring.Length] = e;
                count++;
                bytes += Size(e);
            }

            while (bytes > maxBytes && count > 1)
            {
                DropOldest();
            }
        }
    }

    /// <summary>
    /// Copies events of <paramref name="range"/> in [<paramref name="from"/>, <paramref name="to"/>], at most
    /// <paramref name="max"/>, when the ring still holds <paramref name="from"/>; false when it does not.
    /// </summary>
    public bool TryRead(KeyRange range, long from, long to, int max, List<WatchEvent> into, out long next)
    {
        lock (gate)
        {
            next = from;
            if (count == 0 || from < ring[head % ring.Length].Revision)
            {
                return false;
            }

            var oldest = ring[head % ring.Length].Revision;
            var newest = oldest + count - 1;
            for (; next <= to && next <= newest && into.Count < max; next++)
            {
                var e = ring[(head + (next - oldest)) % ring.Length];
                if (range.Contains(e.Kv.Key))
                {
                    into.Add(e);
                }
            }

            return true;
        }
    }

    private static long Size(in WatchEvent e) => e.Kv.Value.Length + (e.Type == WatchEventType.Updated ? e.PrevKv!.Value.Length : 0);

    private void DropOldest()
    {
        ref var slot = ref ring[head % ring.Length];
        bytes -= Size(slot);
        slot = default;
        head++;
        count--;
    }
}
