namespace FastKube.Client;

/// <summary>
/// A token bucket as in golang.org/x/time/rate, which client-go and the work queue use: it refills at
/// <c>qps</c> tokens per second up to <c>burst</c>, and a caller that finds it empty reserves a future token
/// (the balance goes negative) and is told how long to wait, so waiters are served in order without a
/// background timer.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly double _qps;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public TokenBucket(double qps, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _qps = qps;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one token and returns how long the caller must wait before using it (zero when one was there).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _qps));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    /// <summary>Waits for one token.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = Reserve();
        return delay == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _time, cancellationToken);
    }
}
