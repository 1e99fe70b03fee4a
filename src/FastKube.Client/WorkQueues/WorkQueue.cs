namespace FastKube.Client.WorkQueues;

/// <summary>
/// The controller work queue (client-go's rate-limiting workqueue): an item added many times before it is
/// taken is handed out once; an item is never handed to two workers at once (one added while being processed
/// is handed out again after <see cref="Done"/>); failures retry through <see cref="AddRateLimited"/> with the
/// limiter's backoff until <see cref="Forget"/>. Items are keys (e.g. <c>namespace/name</c>), never objects.
/// Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
/// <example>
/// <code>
/// while (true)
/// {
///     var (key, shutdown) = await queue.GetAsync(ct);
///     if (shutdown) return;
///     try { await SyncAsync(key); queue.Forget(key); }
///     catch (Exception) { queue.AddRateLimited(key); }
///     finally { queue.Done(key); }
/// }
/// </code>
/// </example>
public sealed partial class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _ready = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Queue<TaskCompletionSource<(T, bool)>> _waiters = new();
    private readonly IRateLimiter<T> _limiter;
    private readonly TimeProvider _time;
    private bool _shuttingDown;

    /// <param name="rateLimiter">Backoff of <see cref="AddRateLimited"/>; default <see cref="RateLimiters.Default{T}"/>.</param>
    /// <param name="time">The clock of delays; default <see cref="TimeProvider.System"/>.</param>
    public WorkQueue(IRateLimiter<T>? rateLimiter = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _limiter = rateLimiter ?? RateLimiters.Default<T>(_time);
    }

    /// <summary>Items ready to be handed out (not counting those waiting out a delay or being processed).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Marks the item as needing work. No-op when it is already waiting; deferred when it is being processed.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            AddLocked(item);
        }
    }

    /// <summary>Adds the item after the limiter's backoff for it (one more failure counted).</summary>
    public void AddRateLimited(T item) => AddAfter(item, _limiter.When(item));

    /// <summary>The item succeeded: its backoff starts again from the base.</summary>
    public void Forget(T item) => _limiter.Forget(item);

    public int NumRequeues(T item) => _limiter.NumRequeues(item);

    /// <summary>
    /// Waits for an item and marks it as being processed; the caller must call <see cref="Done"/> for it.
    /// Returns <c>Shutdown = true</c> once the queue is shut down and the items ready at that point are handed out.
    /// </summary>
    public Task<(T Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_ready.TryDequeue(out var item))
            {
                _dirty.Remove(item);
                _processing.Add(item);
                return Task.FromResult((item, false));
            }

            if (_shuttingDown)
            {
                return Task.FromResult((default(T)!, true));
            }

            var waiter = new TaskCompletionSource<(T, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
                waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            _waiters.Enqueue(waiter);
            return waiter.Task;
        }
    }

    /// <summary>Ends processing of the item; if it was added meanwhile, it is ready again.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            _processing.Remove(item);
            if (_dirty.Contains(item))
            {
                HandOut(item);
            }
        }
    }

    /// <summary>Stops taking items; workers drain what is ready, then get <c>Shutdown = true</c>. Delayed items are dropped.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
            StopDelays();
            if (_ready.Count == 0)
            {
                while (_waiters.TryDequeue(out var waiter))
                {
                    waiter.TrySetResult((default!, true));
                }
            }
        }
    }

    public void Dispose() => ShutDown();

    private void AddLocked(T item)
    {
        if (_shuttingDown || !_dirty.Add(item) || _processing.Contains(item))
        {
            return;
        }

        HandOut(item);
    }

    // A waiting worker gets the item at once (skipping waiters that gave up); otherwise it joins the ready queue.
    private void HandOut(T item)
    {
        while (_waiters.TryDequeue(out var waiter))
        {
            if (waiter.Task.IsCompleted)
            {
                continue;
            }

            _dirty.Remove(item);
            _processing.Add(item);
            if (waiter.TrySetResult((item, false)))
            {
                return;
            }

            _processing.Remove(item);
            _dirty.Add(item);
        }

        _ready.Enqueue(item);
    }
}
