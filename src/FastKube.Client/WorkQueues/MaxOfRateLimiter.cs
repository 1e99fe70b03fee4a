namespace FastKube.Client.WorkQueues;

/// <summary>The longest wait any of its limiters asks for (client-go's MaxOfRateLimiter).</summary>
public sealed class MaxOfRateLimiter<T>(params IRateLimiter<T>[] limiters) : IRateLimiter<T>
{
    public TimeSpan When(T item)
    {
        var longest = TimeSpan.Zero;
        foreach (var limiter in limiters)
        {
            var wait = limiter.When(item);
            longest = wait > longest ? wait : longest;
        }

        return longest;
    }

    public void Forget(T item)
    {
        foreach (var limiter in limiters)
        {
            limiter.Forget(item);
        }
    }

    public int NumRequeues(T item) => limiters.Max(l => l.NumRequeues(item));
}
