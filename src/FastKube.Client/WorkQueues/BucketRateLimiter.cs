namespace FastKube.Client.WorkQueues;

/// <summary>
/// One token bucket over all items: bounds the overall retry rate whatever each item's own backoff says
/// (upstream's default controller limiter uses 10 per second, burst 100).
/// </summary>
public sealed class BucketRateLimiter<T> : IRateLimiter<T>
{
    private readonly TokenBucket _bucket;

    public BucketRateLimiter(double qps, int burst, TimeProvider? time = null) =>
        _bucket = new TokenBucket(qps, burst, time ?? TimeProvider.System);

    public TimeSpan When(T item) => _bucket.Reserve();

    public void Forget(T item)
    {
    }

    public int NumRequeues(T item) => 0;
}
