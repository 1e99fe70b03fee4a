namespace FastKube.ApiServer.Caching;

/// <summary>Sizing of the watch caches (one per resource).</summary>
/// <param name="EventCapacity">
/// Recent events each resource keeps for watches that resume from a resourceVersion; older ones get 410
/// Expired. Default 1024 (upstream's cacher started at 100 and now grows its window between 100 and
/// 100,000 with the event rate; a fixed 1024 covers about a second of pod churn at 1,000 updates/s).
/// </param>
/// <param name="WatcherQueue">
/// Live events one watcher may have queued before it is closed as too slow. Default 1024: memory per
/// watcher stays bounded (a queued event is a 16-byte reference pair; the bytes are shared).
/// </param>
/// <param name="FreshnessTimeout">
/// How long a consistent read or a resourceVersion=N request waits for the cache to reach the revision
/// it needs before falling back to the store (lists) or answering 504 (watches). Default 3 s, upstream's
/// blockTimeout for waitUntilFreshAndBlock.
/// </param>
public sealed record WatchCacheOptions(int EventCapacity = 1024, int WatcherQueue = 1024, TimeSpan? FreshnessTimeout = null)
{
    public static WatchCacheOptions Default { get; } = new();

    public TimeSpan Freshness => FreshnessTimeout ?? TimeSpan.FromSeconds(3);
}
