namespace FastKube.Client.WorkQueues;

/// <summary>The limiter controllers use unless they have a reason not to.</summary>
public static class RateLimiters
{
    /// <summary>Upstream per-item backoff base: 5 ms.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Upstream per-item backoff cap: 1000 s.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);

    /// <summary>Upstream overall retry rate: 10 per second.</summary>
    public const double DefaultQps = 10;

    /// <summary>Upstream overall retry burst: 100.</summary>
    public const int DefaultBurst = 100;

    /// <summary>
    /// client-go's DefaultControllerRateLimiter: the longer of per-item exponential backoff (5 ms → 1000 s) and an
    /// overall bucket (10 per second, burst 100).
    /// </summary>
    public static IRateLimiter<T> Default<T>(TimeProvider? time = null)
        where T : notnull =>
        new MaxOfRateLimiter<T>(
            new ItemExponentialFailureRateLimiter<T>(DefaultBaseDelay, DefaultMaxDelay),
            new BucketRateLimiter<T>(DefaultQps, DefaultBurst, time));
}
