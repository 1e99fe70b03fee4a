using System.Diagnostics;
using FastKube.Storage;
using Microsoft.Extensions.Logging;

namespace FastKube.ApiServer.Caching;

/// <summary>
/// Feeds every <see cref="WatchCache"/> from ONE store watch over the registry: it primes them with a
/// range read at one revision, then applies each event to the cache of its resource and advances the
/// shared <see cref="CacheProgress"/>. One watch (instead of one per resource) makes every event a
/// progress notification for every cache, which consistent reads need. If the store ends the watch
/// (too slow, compacted, failed) the feed re-lists and starts again; the caches' watchers then end
/// with <see cref="WatcherEnd.CacheReset"/> and their clients re-list, as upstream's cacher does.
/// </summary>
internal sealed class CacheFeed : IAsyncDisposable
{
    /// <summary>Every cached key lives under this prefix (see ResourceKeys).</summary>
    public const string RegistryPrefix = "/registry/";

    // Keys read per range page while priming; all pages read at the same revision.
    private const int PrimePageSize = 10_000;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly IStore _store;
    private readonly Dictionary<string, WatchCache> _byPrefix;
    private readonly Dictionary<string, WatchCache>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly CacheProgress _progress;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    private CacheFeed(IStore store, IEnumerable<WatchCache> caches, CacheProgress progress, ILogger logger)
    {
        _store = store;
        _byPrefix = caches.ToDictionary(c => c.Prefix, StringComparer.Ordinal);
        _lookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _progress = progress;
        _logger = logger;
    }

    /// <summary>Primes the caches, then keeps them current in the background until disposed.</summary>
    public static async Task<CacheFeed> StartAsync(IStore store, IEnumerable<WatchCache> caches, CacheProgress progress, ILogger logger, CancellationToken cancellationToken)
    {
        var feed = new CacheFeed(store, caches, progress, logger);
        var watch = await feed.PrimeAsync(cancellationToken).ConfigureAwait(false);
        feed._running = feed.RunAsync(watch);
        return feed;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task<StoreWatch> PrimeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var range = KeyRange.Prefix(RegistryPrefix);
            var items = _byPrefix.Keys.ToDictionary(p => p, _ => new List<KeyValue>(), StringComparer.Ordinal);
            long revision = 0;
            string? after = null;
            RangeResult page;
            do
            {
                page = await _store.RangeAsync(new RangeRequest(range, PrimePageSize, revision, after), cancellationToken).ConfigureAwait(false);
                if (page.Status != StoreStatus.Ok)
                {
                    throw new InvalidOperationException($"watch cache: listing the registry answered {page.Status}");
                }

                revision = page.Revision;
                foreach (var kv in page.Items)
                {
                    if (CacheOf(kv.Key) is { } cache)
                    {
                        items[cache.Prefix].Add(kv);
                    }
                }

                after = page.Items.Count > 0 ? page.Items[^1].Key : after;
            }
            while (page.More);

            var watch = await _store.WatchAsync(range, revision + 1, cancellationToken).ConfigureAwait(false);
            if (watch.Status == StoreStatus.Compacted)
            {
                continue; // compacted between the read and the watch: read again
            }

            if (watch.Status != StoreStatus.Ok)
            {
                throw new InvalidOperationException($"watch cache: watching the registry answered {watch.Status}");
            }

            foreach (var (prefix, kvs) in items)
            {
                _byPrefix[prefix].Reset(kvs, revision);
            }

            _progress.Advance(revision);
            CacheLog.Primed(_logger, revision, items.Values.Sum(l => l.Count), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return watch.Watch!;
        }
    }

    private async Task RunAsync(StoreWatch watch)
    {
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                await using (watch.ConfigureAwait(false))
                {
                    try
                    {
                        while (await watch.Events.WaitToReadAsync(stopping).ConfigureAwait(false))
                        {
                            while (watch.Events.TryRead(out var change))
                            {
                                CacheOf(change.Kv.Key)?.Apply(change);
                                _progress.Advance(change.Revision);
                            }
                        }
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    if (watch.End is WatchEnd.StoreClosed or WatchEnd.Cancelled)
                    {
                        return;
                    }

                    CacheLog.WatchLost(_logger, watch.End, watch.Error);
                }

                watch = await RePrimeAsync(stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    // After a lost watch: list again until the store answers (a failing store is retried once a second).
    private async Task<StoreWatch> RePrimeAsync(CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                return await PrimeAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                CacheLog.PrimeFailed(_logger, e);
                await Task.Delay(RetryDelay, stopping).ConfigureAwait(false);
            }
        }
    }

    // "/registry/{group}/{resource}/..." → the cache whose prefix is "/registry/{group}/{resource}/".
    private WatchCache? CacheOf(string key)
    {
        var group = key.IndexOf('/', RegistryPrefix.Length);
        var resource = group < 0 ? -1 : key.IndexOf('/', group + 1);
        return resource > 0 && _lookup.TryGetValue(key.AsSpan(0, resource + 1), out var cache) ? cache : null;
    }
}
