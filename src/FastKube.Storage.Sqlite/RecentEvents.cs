namespace FastKube.Storage.Sqlite;

/// <summary>
/// A ring of the newest committed events, so a watch starting at a recent revision (the common case:
/// an informer re-watching after a list) replays from memory instead of the table.
/// </summary>
internal sealed class RecentEvents(int capacity)
{
    private readonly Lock gate = new();
    private readonly WatchEvent[] ring = new WatchEvent[Math.Max(capacity, 1)];
    private long count;

    /// <summary>Adds committed events; revisions are contiguous across calls.</summary>
    public void Append(ReadOnlySpan<WatchEvent> events)
    {
        lock (gate)
        {
            foreach (ref readonly var e in events)
            {
                ring[count % ring.Length] = e;
                count++;
            }
        }
    }

    /// <summary>
    /// Copies events of <paramref name="range"/> in [<paramref name="from"/>, <paramref name="to"/>] when the
    /// ring still holds <paramref name="from"/>; returns false when it does not (read the table instead).
    /// </summary>
    public bool TryRead(KeyRange range, long from, long to, int max, List<WatchEvent> into, out long next)
    {
        lock (gate)
        {
            next = from;
            if (count == 0)
            {
                return false;
            }

            var oldestIndex = Math.Max(0, count - ring.Length);
            var oldestRevision = ring[oldestIndex % ring.Length].Revision;
            if (from < oldestRevision)
            {
                return false;
            }

            var newestRevision = ring[(count - 1) % ring.Length].Revision;
            for (; next <= to && next <= newestRevision && into.Count < max; next++)
            {
                var e = ring[(oldestIndex + (next - oldestRevision)) % ring.Length];
                if (range.Contains(e.Kv.Key))
                {
                    into.Add(e);
                }
            }

            return true;
        }
    }
}
