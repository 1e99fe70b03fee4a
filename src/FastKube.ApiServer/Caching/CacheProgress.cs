namespace FastKube.ApiServer.Caching;

/// <summary>
/// The store revision up to which every watch cache has applied every event. All caches share one
/// store watch over the whole registry, so each event (of any resource) proves progress for every cache:
/// this is what etcd's progress notifications give upstream's cacher, and what lets a consistent read of
/// pods be served once the caches reach the store's current revision even when the last write was a lease.
/// </summary>
internal sealed class CacheProgress
{
    private readonly Lock _gate = new();
    private readonly List<(long Target, TaskCompletionSource Reached)> _waiters = [];
    private long _revision;
    private int _waiting;

    public long Revision => Volatile.Read(ref _revision);

    /// <summary>Records that every event up to <paramref name="revision"/> is applied.</summary>
    public void Advance(long revision)
    {
        if (revision <= Volatile.Read(ref _revision))
        {
            return;
        }

        Volatile.Write(ref _revision, revision);
        if (Volatile.Read(ref _waiting) == 0)
        {
            return;
        }

        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= revision)
                {
                    _waiters[i].Reached.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }

            Volatile.Write(ref _waiting, _waiters.Count);
        }
    }

    /// <summary>Waits until the caches reached <paramref name="target"/>; false when <paramref name="timeout"/> passed first.</summary>
    public async ValueTask<bool> WaitAsync(long target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Revision >= target)
        {
            return true;
        }

        TaskCompletionSource reached;
        lock (_gate)
        {
            if (Revision >= target)
            {
                return true;
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((target, reached));
            Volatile.Write(ref _waiting, _waiters.Count);
        }

        try
        {
            await reached.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            if (!reached.Task.IsCompleted)
            {
                Forget(reached); // timed out or cancelled: a revision far ahead must not keep its waiter forever
            }
        }
    }

    private void Forget(TaskCompletionSource reached)
    {
        lock (_gate)
        {
            _waiters.RemoveAll(w => w.Reached == reached);
            Volatile.Write(ref _waiting, _waiters.Count);
        }
    }
}
