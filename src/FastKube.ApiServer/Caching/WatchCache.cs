using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.ApiServer.Http;
using FastKube.ApiServer.Metrics;
using FastKube.ApiServer.Registry;
using FastKube.Storage;
using Microsoft.Extensions.Logging;

namespace FastKube.ApiServer.Caching;

/// <summary>
/// The watch cache of one resource (upstream's cacher + watchCache): the current objects with their
/// namespace and node indexes, a ring of recent events, and the registered watchers. <see cref="CacheFeed"/>
/// applies store events in revision order; each one updates the objects, enters the ring and is handed
/// to the matching watchers in the same critical section, so a watcher registered at revision R sees
/// exactly the events after R. Lists and watches are then served from memory.
/// </summary>
internal sealed partial class WatchCache
{
    private readonly Lock _gate = new();
    private readonly KubeTypeInfo _info;
    private readonly WatchCacheOptions _options;
    private readonly CacheProgress _progress;
    private readonly ApiMetrics _metrics;
    private readonly ILogger _logger;
    private ObjectIndex _objects = new();
    private EventRing _ring;

    // The revision of the last event applied to this resource (or the prime revision).
    private long _revision;

    public WatchCache(KubeTypeInfo info, WatchCacheOptions options, CacheProgress progress, ApiMetrics metrics, ILogger logger)
    {
        _info = info;
        _options = options;
        _progress = progress;
        _metrics = metrics;
        _logger = logger;
        _ring = new EventRing(options.EventCapacity, 0);
        Prefix = ResourceKeys.Resource(info);
    }

    public KubeTypeInfo Info => _info;

    /// <summary>The store key prefix of this resource.</summary>
    public string Prefix { get; }

    public WatchCacheOptions Options => _options;

    public CacheProgress Progress => _progress;

    /// <summary>The revision the cache's content corresponds to.</summary>
    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return CurrentRevision();
            }
        }
    }

    /// <summary>
    /// Replaces the content with <paramref name="items"/> read at <paramref name="revision"/>; the ring
    /// starts empty there. Watchers of the previous content end with <see cref="WatcherEnd.CacheReset"/>.
    /// </summary>
    public void Reset(IEnumerable<KeyValue> items, long revision)
    {
        var objects = new ObjectIndex();
        foreach (var kv in items)
        {
            objects.Put(Decode(kv, kv.ModRevision));
        }

        lock (_gate)
        {
            _objects = objects;
            _ring = new EventRing(_options.EventCapacity, revision);
            _revision = revision;
            EndAllWatchers(WatcherEnd.CacheReset);
        }

        _metrics.CacheInitialized(_info.Resource);
    }

    /// <summary>Applies one store event of this resource and hands it to the matching watchers.</summary>
    public void Apply(in Storage.WatchEvent change)
    {
        // Decoding happens outside the lock; lists and watch registrations wait only for the index update.
        var current = Decode(change.Kv, change.Type == WatchEventType.Deleted ? change.Revision : change.Kv.ModRevision);
        lock (_gate)
        {
            var previous = change.Type == WatchEventType.Deleted ? _objects.Remove(change.Kv.Key) : _objects.Put(current);
            var e = new CacheEvent(change.Type, change.Revision, current, previous);
            _ring.Add(e);
            _revision = change.Revision;
            Dispatch(e);
        }
    }

    private long CurrentRevision() => Math.Max(_revision, _progress.Revision);

    private CachedObject Decode(KeyValue kv, long revision) =>
        new(kv.Key, (KubeObject)MsgPackObjects.Decode(_info.Type, kv.Value), revision);
}
