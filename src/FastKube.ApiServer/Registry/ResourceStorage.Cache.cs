using System.Globalization;
using FastKube.Api.Meta;
using FastKube.ApiServer.Caching;
using FastKube.ApiServer.Http;

namespace FastKube.ApiServer.Registry;

internal sealed partial class ResourceStorage
{
    /// <summary>
    /// Serves a list from the watch cache where upstream 1.31's cacher does (ConsistentListFromCache):
    /// resourceVersion "" once the cache reached the store's current revision, "0" at once, N
    /// (NotOlderThan) once the cache reached N, and continues of a page the cache served while the resource
    /// has not changed since. Null sends the request to the store: an exact revision, an old continue, a
    /// cache that did not catch up in time, or a request the store path must reject.
    /// </summary>
    private async ValueTask<ListResult?> ListFromCacheAsync(WatchCache watchCache, string ns, ListOptions options, CancellationToken cancellationToken)
    {
        var prefix = ResourceKeys.Collection(info, ns);
        string? after = null;
        long? pinned = null;
        if (!string.IsNullOrEmpty(options.Continue))
        {
            if (!ContinueToken.TryDecode(options.Continue, out var revision, out var suffix, out _))
            {
                return null;
            }

            after = prefix + suffix;
            pinned = revision;
        }
        else
        {
            if (ReadRevision(options) is not null)
            {
                return null; // Exact, or invalid: the store path answers
            }

            var target = options.ResourceVersion switch
            {
                null or "" => store.CurrentRevision,
                "0" => 0,
                var rv => long.Parse(rv, NumberStyles.None, CultureInfo.InvariantCulture),
            };
            if (!await watchCache.Progress.WaitAsync(target, watchCache.Options.Freshness, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        var page = watchCache.List(new WatchFilter(ns, options), options.Limit, after, pinned);
        if (page is null)
        {
            return null;
        }

        var token = page.More ? ContinueToken.Encode(page.Revision, page.Items[^1].Key[prefix.Length..]) : null;
        return new ListResult(page.Items.ConvertAll(o => o.Object), page.Revision, token, null, page.Items);
    }

    /// <summary>
    /// Starts a watch from the cache with upstream's resourceVersion rules: "" (after the cache caught up
    /// with the store) or "0" first replays the current state as ADDED events, then streams changes; N
    /// streams every change after N, waiting briefly for the cache to reach N (504 if it does not, 410
    /// Expired when N is older than the cache's window). With selectors, an object that starts or stops
    /// matching arrives as ADDED or DELETED.
    /// </summary>
    public async ValueTask<(CacheWatcher? Watcher, Status? Error)> WatchAsync(string ns, ListOptions options, WatchEncoding encoding, CancellationToken cancellationToken, bool sendInitialEvents = false)
    {
        if (cache is null)
        {
            return (null, ApiErrors.Internal($"watch of {ApiErrors.QualifiedResource(info)}: no watch cache"));
        }

        if (Fields(options) is { } fieldError)
        {
            return (null, fieldError);
        }

        long? from = null;
        if (string.IsNullOrEmpty(options.ResourceVersion))
        {
            // A consistent start; if the cache lags beyond the timeout it starts from what it has.
            await cache.Progress.WaitAsync(store.CurrentRevision, cache.Options.Freshness, cancellationToken).ConfigureAwait(false);
        }
        else if (options.ResourceVersion != "0")
        {
            if (!long.TryParse(options.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
            {
                return (null, ApiErrors.BadRequest($"resourceVersion: Invalid value: \"{options.ResourceVersion}\": must be a non-negative integer"));
            }

            if (!await cache.Progress.WaitAsync(after, cache.Options.Freshness, cancellationToken).ConfigureAwait(false))
            {
                return (null, ApiErrors.TooLargeResourceVersion(after, cache.Revision));
            }

            from = after;
        }

        // Watch-list (KEP-3157): the state at a revision not older than the one asked for, taken from the
        // cache's snapshot at the watcher's start so the live events continue it without gap or repeat.
        if (sendInitialEvents)
        {
            from = null;
        }

        return cache.Watch(new WatchFilter(ns, options), encoding, from);
    }
}
