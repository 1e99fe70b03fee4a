using FastKube.Api.Meta;
using FastKube.ApiServer.Http;

namespace FastKube.ApiServer.Caching;

internal sealed partial class WatchCache
{
    // Watchers by what indexes them: a node name (pods with spec.nodeName=X), else a namespace, else none.
    private readonly Dictionary<string, HashSet<CacheWatcher>> _watchersByNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<CacheWatcher>> _watchersByNamespace = new(StringComparer.Ordinal);
    private readonly HashSet<CacheWatcher> _watchersOfAll = [];
    private readonly List<CacheWatcher> _slow = [];

    /// <summary>Watchers registered now.</summary>
    public int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchersOfAll.Count + _watchersByNamespace.Values.Sum(s => s.Count) + _watchersByNode.Values.Sum(s => s.Count);
            }
        }
    }

    /// <summary>
    /// Registers a watcher. Without <paramref name="fromRevision"/> it first receives the current state as
    /// ADDED events; with it, every ring event after that revision (410 Expired when the ring no longer
    /// reaches back that far, as upstream's "too old resource version: N (oldest-1)"). The caller has made
    /// sure the cache reached <paramref name="fromRevision"/>.
    /// </summary>
    public (CacheWatcher? Watcher, Status? Error) Watch(WatchFilter filter, WatchEncoding encoding, long? fromRevision)
    {
        lock (_gate)
        {
            var initial = new List<CacheDelivery>();
            if (fromRevision is not { } from)
            {
                foreach (var obj in _objects.InOrder(filter.Namespace, filter.NodeName, null))
                {
                    if (filter.Matches(obj))
                    {
                        initial.Add(new CacheDelivery(WatchEventTypes.Added, obj));
                    }
                }
            }
            else if (from < _ring.EvictedUpTo)
            {
                return (null, ApiErrors.Expired($"too old resource version: {from} ({_ring.EvictedUpTo})"));
            }
            else
            {
                foreach (var e in _ring.After(from))
                {
                    if (filter.Translate(e) is { } type)
                    {
                        initial.Add(new CacheDelivery(type, e.Current));
                    }
                }
            }

            var watcher = new CacheWatcher(filter, encoding, _options.WatcherQueue, CurrentRevision(), initial, Detach);
            Registry(watcher)?.Add(watcher);
            return (watcher, null);
        }
    }

    // Called under the lock for every applied event.
    private void Dispatch(in CacheEvent e)
    {
        var sent = DispatchTo(_watchersOfAll, e);
        if (_watchersByNamespace.TryGetValue(e.Current.Namespace, out var inNamespace))
        {
            sent += DispatchTo(inNamespace, e);
        }

        if (e.Current.NodeName.Length > 0 && _watchersByNode.TryGetValue(e.Current.NodeName, out var onNode))
        {
            sent += DispatchTo(onNode, e);
        }

        // A pod moved off a node (or unbound) leaves that node's watchers as a DELETED event.
        if (e.Previous is { NodeName.Length: > 0 } previous && previous.NodeName != e.Current.NodeName && _watchersByNode.TryGetValue(previous.NodeName, out var wasOnNode))
        {
            sent += DispatchTo(wasOnNode, e);
        }

        if (sent > 0)
        {
            _metrics.WatchEvents(_info.Resource, sent);
        }

        if (_slow.Count > 0)
        {
            foreach (var watcher in _slow)
            {
                Registry(watcher)?.Remove(watcher);
                _metrics.WatcherTerminated(_info.Resource);
                CacheLog.WatcherTooSlow(_logger, _info.Resource, watcher.Events.Count, watcher.QueueCapacity);
            }

            _slow.Clear();
        }
    }

    private int DispatchTo(HashSet<CacheWatcher> watchers, in CacheEvent e)
    {
        var sent = 0;
        foreach (var watcher in watchers)
        {
            if (watcher.Filter.Translate(e) is not { } type)
            {
                continue;
            }

            // Encode here, on the one dispatching thread, so every watcher's writer finds the bytes made.
            if (watcher.Encoding != WatchEncoding.Table)
            {
                _ = e.Current.Encoded(watcher.Encoding);
            }

            if (watcher.TryEnqueue(new CacheDelivery(type, e.Current)))
            {
                sent++;
            }
            else if (watcher.Finish(WatcherEnd.TooSlow))
            {
                _slow.Add(watcher);
            }
        }

        return sent;
    }

    private void EndAllWatchers(WatcherEnd reason)
    {
        foreach (var set in _watchersByNode.Values.Concat(_watchersByNamespace.Values).Append(_watchersOfAll))
        {
            foreach (var watcher in set)
            {
                watcher.Finish(reason);
            }

            set.Clear();
        }

        _watchersByNode.Clear();
        _watchersByNamespace.Clear();
    }

    private void Detach(CacheWatcher watcher)
    {
        lock (_gate)
        {
            if (Registry(watcher) is { } set && set.Remove(watcher) && set.Count == 0 && set != _watchersOfAll)
            {
                (watcher.Filter.NodeName is not null ? _watchersByNode : _watchersByNamespace).Remove(watcher.Filter.NodeName ?? watcher.Filter.Namespace);
            }
        }
    }

    // The set a watcher lives in, created on registration (a watcher that is not running has none).
    private HashSet<CacheWatcher>? Registry(CacheWatcher watcher)
    {
        if (watcher.Filter.NodeName is { } node)
        {
            return Set(_watchersByNode, node, create: watcher.End == WatcherEnd.Running);
        }

        return watcher.Filter.Namespace.Length > 0
            ? Set(_watchersByNamespace, watcher.Filter.Namespace, create: watcher.End == WatcherEnd.Running)
            : _watchersOfAll;
    }

    private static HashSet<CacheWatcher>? Set(Dictionary<string, HashSet<CacheWatcher>> index, string key, bool create)
    {
        if (index.TryGetValue(key, out var set))
        {
            return set;
        }

        return create ? index[key] = [] : null;
    }
}
