using System.Diagnostics;

namespace FastKube.ApiServer.Caching;

/// <summary>A page listed from the cache: items in key order, the revision they show, and whether more match.</summary>
internal sealed record CacheList(List<CachedObject> Items, long Revision, bool More);

internal sealed partial class WatchCache
{
    /// <summary>The cached object at <paramref name="key"/>, or null (possibly only not applied yet: the cache may lag the store).</summary>
    public CachedObject? Get(string key)
    {
        lock (_gate)
        {
            return _objects.Get(key);
        }
    }

    /// <summary>
    /// Lists the objects <paramref name="filter"/> selects, in key order, after <paramref name="afterKey"/>,
    /// at most <paramref name="limit"/> (0: all). A continuation pinned to <paramref name="atRevision"/> is
    /// served only while this resource has not changed since (null otherwise: the caller reads the store).
    /// </summary>
    public CacheList? List(WatchFilter filter, int limit, string? afterKey, long? atRevision = null)
    {
        var started = Stopwatch.GetTimestamp();
        var items = new List<CachedObject>();
        var more = false;
        long revision;
        lock (_gate)
        {
            revision = CurrentRevision();
            if (atRevision is { } pinned)
            {
                if (_revision > pinned || pinned > revision)
                {
                    return null;
                }

                revision = pinned;
            }

            // Collect references under the lock (a few milliseconds for 100,000 objects); encoding happens outside.
            foreach (var obj in _objects.InOrder(filter.Namespace, filter.NodeName, afterKey))
            {
                if (!filter.Matches(obj))
                {
                    continue;
                }

                if (limit > 0 && items.Count == limit)
                {
                    more = true;
                    break;
                }

                items.Add(obj);
            }
        }

        _metrics.CacheList(_info.Resource, Stopwatch.GetElapsedTime(started));
        return new CacheList(items, revision, more);
    }
}
