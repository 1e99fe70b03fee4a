namespace FastKube.ApiServer.Caching;

/// <summary>
/// The bounded window of recent events a watch cache replays to watchers that start from a recent
/// resourceVersion; once full, each new event evicts the oldest. Not thread-safe: the cache's lock guards it.
/// </summary>
internal sealed class EventRing
{
    private readonly CacheEvent[] _events;
    private int _start;
    private int _count;

    /// <param name="capacity">Events kept.</param>
    /// <param name="startRevision">The revision the cache was primed at: every event after it is kept until evicted.</param>
    public EventRing(int capacity, long startRevision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _events = new CacheEvent[capacity];
        EvictedUpTo = startRevision;
    }

    /// <summary>
    /// Every event after this revision is still in the ring: the prime revision, then the revision of
    /// the last evicted event. A watch from an older resourceVersion cannot be served (410 Expired).
    /// </summary>
    public long EvictedUpTo { get; private set; }

    public void Add(in CacheEvent e)
    {
        if (_count == _events.Length)
        {
            EvictedUpTo = _events[_start].Revision;
            _events[_start] = e;
            _start = (_start + 1) % _events.Length;
            return;
        }

        _events[(_start + _count) % _events.Length] = e;
        _count++;
    }

    /// <summary>The events with revision above <paramref name="revision"/>, oldest first.</summary>
    public IEnumerable<CacheEvent> After(long revision)
    {
        // Revisions grow along the ring, so the first event to send is found by binary search.
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (At(mid).Revision <= revision)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < _count; i++)
        {
            yield return At(i);
        }
    }

    private ref readonly CacheEvent At(int index) => ref _events[(_start + index) % _events.Length];
}
