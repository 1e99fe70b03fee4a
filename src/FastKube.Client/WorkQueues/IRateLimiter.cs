namespace FastKube.Client.WorkQueues;

/// <summary>Decides how long an item waits before it is retried (client-go's workqueue.TypedRateLimiter).</summary>
public interface IRateLimiter<in T>
{
    /// <summary>The wait before <paramref name="item"/> is handed out again; counts one more failure for it.</summary>
    TimeSpan When(T item);

    /// <summary>Clears the item's failure history (it succeeded).</summary>
    void Forget(T item);

    /// <summary>Failures counted for the item since it was last forgotten.</summary>
    int NumRequeues(T item);
}
