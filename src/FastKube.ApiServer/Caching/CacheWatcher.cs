using System.Threading.Channels;

namespace FastKube.ApiServer.Caching;

/// <summary>
/// One watch served by a <see cref="WatchCache"/>: first the <see cref="Initial"/> events (the current
/// state as ADDED, or the ring's events after the requested resourceVersion), then live events through a
/// bounded queue. The cache never waits for a watcher: one whose queue is full when the next event
/// comes is ended as <see cref="WatcherEnd.TooSlow"/>, so a stuck client costs at most its queue.
/// </summary>
internal sealed class CacheWatcher : IDisposable
{
    private readonly Channel<CacheDelivery> _queue;
    private readonly Action<CacheWatcher> _detach;
    private int _end;

    public CacheWatcher(WatchFilter filter, WatchEncoding encoding, int queueCapacity, long startRevision, IReadOnlyList<CacheDelivery> initial, Action<CacheWatcher> detach)
    {
        Filter = filter;
        Encoding = encoding;
        StartRevision = startRevision;
        Initial = initial;
        QueueCapacity = queueCapacity;
        _detach = detach;
        _queue = Channel.CreateBounded<CacheDelivery>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping silently
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public WatchFilter Filter { get; }

    public WatchEncoding Encoding { get; }

    /// <summary>The revision the watch starts after; live events are all newer.</summary>
    public long StartRevision { get; }

    /// <summary>Events to send before the live ones.</summary>
    public IReadOnlyList<CacheDelivery> Initial { get; }

    public int QueueCapacity { get; }

    /// <summary>Live events; completes when the watcher ends (buffered events stay readable).</summary>
    public ChannelReader<CacheDelivery> Events => _queue.Reader;

    public WatcherEnd End => (WatcherEnd)Volatile.Read(ref _end);

    /// <summary>Queues a live event; false when the queue is full (the caller then ends the watcher).</summary>
    internal bool TryEnqueue(CacheDelivery delivery) => _queue.Writer.TryWrite(delivery);

    /// <summary>Ends the watcher once with <paramref name="reason"/>; true for the call that ended it.</summary>
    internal bool Finish(WatcherEnd reason)
    {
        if (Interlocked.CompareExchange(ref _end, (int)reason, (int)WatcherEnd.Running) != (int)WatcherEnd.Running)
        {
            return false;
        }

        _queue.Writer.TryComplete();
        return true;
    }

    /// <summary>Stops the watch (the client left) and unregisters it from the cache.</summary>
    public void Dispose()
    {
        Finish(WatcherEnd.Stopped);
        _detach(this);
    }
}
