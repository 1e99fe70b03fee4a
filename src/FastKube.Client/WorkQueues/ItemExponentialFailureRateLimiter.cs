namespace FastKube.Client.WorkQueues;

/// <summary>Per-item exponential backoff: base × 2^failures, capped at max (upstream defaults 5 ms and 1000 s).</summary>
public sealed class ItemExponentialFailureRateLimiter<T>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<T, int> _failures = [];

    public TimeSpan When(T item)
    {
        int exponent;
        lock (_gate)
        {
            _failures.TryGetValue(item, out exponent);
            _failures[item] = exponent + 1;
        }

        // 2^exponent overflows long before 1000 s is exceeded at any sane base; cap the exponent first.
        var ticks = baseDelay.Ticks * Math.Pow(2, Math.Min(exponent, 62));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    public int NumRequeues(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }
}
