namespace FastKube.Storage.Watching;

/// <summary>
/// Watch fan-out shared by the backends, after etcd's synced/unsynced watcher groups: a new watch
/// replays history from the backend at its own pace, then joins the live set under the same lock
/// <see cref="Publish"/> takes, so the switch from history to live has no gap and no duplicate.
/// Live delivery never waits: a watcher whose buffer is full is ended with <see cref="WatchEnd.TooSlow"/>.
/// </summary>
internal sealed class WatchHub
{
    /// <summary>History events fetched per backend read during catch-up.</summary>
    private const int HistoryPageSize = 512;

    private readonly Lock gate = new();
    private readonly List<StoreWatch> live = [];
    private readonly HistoryReader history;
    private readonly int capacity;
    private long published;
    private bool closed;

    /// <param name="revision">The store revision already committed when the hub starts.</param>
    /// <param name="history">Reads committed history for catch-up.</param>
    /// <param name="capacity">Events buffered per watcher.</param>
    public WatchHub(long revision, HistoryReader history, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        published = revision;
        this.history = history;
        this.capacity = capacity;
    }

    /// <summary>The newest revision handed to <see cref="Publish"/>.</summary>
    public long PublishedRevision => Volatile.Read(ref published);

    /// <summary>
    /// Delivers committed events to live watchers. The caller publishes every revision exactly once,
    /// in order, and only after it is committed; <paramref name="revision"/> is the last revision covered.
    /// </summary>
    public void Publish(ReadOnlySpan<WatchEvent> events, long revision)
    {
        lock (gate)
        {
            if (live.Count > 0)
            {
                Deliver(events);
            }

            Volatile.Write(ref published, revision);
        }
    }

    /// <summary>Starts a watch; it replays history from <paramref name="fromRevision"/> then follows live.</summary>
    public StoreWatch Start(KeyRange range, long fromRevision)
    {
        var watch = new StoreWatch(range, fromRevision, capacity, Detach);
        _ = CatchUpAsync(watch, fromRevision);
        return watch;
    }

    /// <summary>Ends every watch with <see cref="WatchEnd.StoreClosed"/>; later watches end at once.</summary>
    public void Close()
    {
        lock (gate)
        {
            closed = true;
            foreach (var watch in live)
            {
                watch.Finish(WatchEnd.StoreClosed);
            }

            live.Clear();
        }
    }

    private void Deliver(ReadOnlySpan<WatchEvent> events)
    {
        var anyEnded = false;
        foreach (ref readonly var e in events)
        {
            foreach (var watch in live)
            {
                if (e.Revision >= watch.StartRevision && watch.Range.Contains(e.Kv.Key) && !watch.TryDeliver(e))
                {
                    watch.Finish(WatchEnd.TooSlow);
                    anyEnded = true;
                }
            }
        }

        if (anyEnded)
        {
            live.RemoveAll(static w => w.IsEnded);
        }
    }

    private async Task CatchUpAsync(StoreWatch watch, long next)
    {
        try
        {
            while (true)
            {
                long to;
                lock (gate)
                {
                    if (closed)
                    {
                        watch.Finish(WatchEnd.StoreClosed);
                        return;
                    }

                    if (watch.IsEnded)
                    {
                        return;
                    }

                    if (next > published)
                    {
                        live.Add(watch);
                        return;
                    }

                    to = published;
                }

                var page = await history(watch.Range, next, to, HistoryPageSize, watch.Stopping).ConfigureAwait(false);
                if (page.Status == StoreStatus.Compacted)
                {
                    watch.Finish(WatchEnd.Compacted, page.CompactRevision);
                    return;
                }

                foreach (var e in page.Events)
                {
                    await watch.DeliverAsync(e).ConfigureAwait(false);
                }

                next = page.NextRevision;
            }
        }
        catch (OperationCanceledException) when (watch.IsEnded)
        {
            // Disposed or closed while replaying history; the end reason is already set.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            watch.Finish(WatchEnd.Failed, error: ex);
        }
    }

    private void Detach(StoreWatch watch)
    {
        lock (gate)
        {
            live.Remove(watch);
        }
    }
}
