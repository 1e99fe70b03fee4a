namespace FastKube.Proxy.Sync;

/// <summary>
/// Paces syncs like upstream's BoundedFrequencyRunner: <see cref="Request"/> asks for a sync; requests that
/// arrive while one is pending or running are batched into one; two syncs are at least
/// <c>minInterval</c> apart (minSyncPeriod); without requests a sync still runs every <c>maxInterval</c>
/// (syncPeriod: the periodic full resync). A failed sync is retried after <c>minInterval</c>.
/// </summary>
internal sealed class SyncRunner : IAsyncDisposable
{
    private readonly Func<bool> _sync;
    private readonly TimeSpan _minInterval;
    private readonly TimeSpan _maxInterval;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _syncs;
    private int _phase;

    public SyncRunner(Func<bool> sync, TimeSpan minInterval, TimeSpan maxInterval, TimeProvider time)
    {
        _sync = sync;
        _minInterval = minInterval;
        _maxInterval = maxInterval;
        _time = time;
    }

    /// <summary>Syncs run so far.</summary>
    public int Syncs => Volatile.Read(ref _syncs);

    /// <summary>What the loop is waiting for (tests step the clock by it).</summary>
    public SyncPhase Phase => (SyncPhase)Volatile.Read(ref _phase);

    public void Start() => _loop ??= Task.Run(() => LoopAsync(_stop.Token));

    public void Request()
    {
        lock (_signal)
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        long? last = null;
        while (!ct.IsCancellationRequested)
        {
            if (last is { } previous)
            {
                // Wait for a request, or until the periodic sync is due.
                var untilPeriodic = _maxInterval - _time.GetElapsedTime(previous);
                if (untilPeriodic > TimeSpan.Zero)
                {
                    await WaitAsync(SyncPhase.Idle, untilPeriodic, ct).ConfigureAwait(false);
                }

                var untilAllowed = _minInterval - _time.GetElapsedTime(previous);
                if (untilAllowed > TimeSpan.Zero)
                {
                    await WaitAsync(SyncPhase.RateLimited, untilAllowed, ct).ConfigureAwait(false);
                }
            }
            else
            {
                await WaitAsync(SyncPhase.Idle, Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            }

            lock (_signal)
            {
                // Requests that arrived while waiting for the rate limit are served by this sync.
                while (_signal.CurrentCount > 0)
                {
                    _signal.Wait(0, CancellationToken.None);
                }
            }

            last = _time.GetTimestamp();
            Volatile.Write(ref _phase, (int)SyncPhase.Syncing);
            bool ok = _sync();
            Interlocked.Increment(ref _syncs);
            if (!ok)
            {
                Request();
            }
        }
    }

    /// <summary>
    /// Waits for the delay on the injected clock, or (when <see cref="SyncPhase.Idle"/>) also for a request,
    /// whichever comes first. The request wait is cancelled with the delay so it cannot swallow a later request.
    /// </summary>
    private async Task WaitAsync(SyncPhase phase, TimeSpan delay, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delayTask = delay == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, timer.Token) : Task.Delay(delay, _time, timer.Token);

        // Published after the timer exists, so a test that sees the phase and moves the clock fires it.
        Volatile.Write(ref _phase, (int)phase);
        if (phase == SyncPhase.Idle)
        {
            await Task.WhenAny(_signal.WaitAsync(timer.Token), delayTask).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
        }
        else
        {
            await delayTask.ConfigureAwait(false);
        }
    }
}

internal enum SyncPhase
{
    Idle,
    RateLimited,
    Syncing,
}
