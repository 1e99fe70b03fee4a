namespace FastKube.ApiServer.Caching;

/// <summary>
/// The current objects of one resource, by key, bucketed by namespace and (for pods) indexed by
/// spec.nodeName. Lists come out in key order, as the store returns them, so continue tokens are the same
/// on both paths. Not thread-safe: the cache's lock guards it.
/// </summary>
internal sealed class ObjectIndex
{
    private readonly Dictionary<string, CachedObject> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byNode = new(StringComparer.Ordinal);
    private Bucket[]? _bucketOrder;

    public CachedObject? Get(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Stores <paramref name="obj"/>, returning the version it replaces.</summary>
    public CachedObject? Put(CachedObject obj)
    {
        if (!_buckets.TryGetValue(obj.Namespace, out var bucket))
        {
            bucket = new Bucket(obj.Namespace);
            _buckets.Add(obj.Namespace, bucket);
            _bucketOrder = null;
        }

        _byKey.TryGetValue(obj.Key, out var previous);
        _byKey[obj.Key] = obj;
        bucket.Items[obj.Key] = obj;
        if (previous is null)
        {
            bucket.Sorted = null; // the key set changed; an update keeps the order
        }

        if (previous is null || previous.NodeName != obj.NodeName)
        {
            Unindex(previous);
            if (obj.NodeName.Length > 0)
            {
                (_byNode.TryGetValue(obj.NodeName, out var keys) ? keys : _byNode[obj.NodeName] = new(StringComparer.Ordinal)).Add(obj.Key);
            }
        }

        return previous;
    }

    /// <summary>Removes the object at <paramref name="key"/>, returning it.</summary>
    public CachedObject? Remove(string key)
    {
        if (!_byKey.Remove(key, out var previous))
        {
            return null;
        }

        var bucket = _buckets[previous.Namespace];
        bucket.Items.Remove(key);
        bucket.Sorted = null;
        if (bucket.Items.Count == 0)
        {
            _buckets.Remove(previous.Namespace);
            _bucketOrder = null;
        }

        Unindex(previous);
        return previous;
    }

    /// <summary>
    /// The objects of <paramref name="ns"/> ("" for all) with key above <paramref name="afterKey"/>, in key
    /// order; only those on <paramref name="nodeName"/> when it is set.
    /// </summary>
    public IEnumerable<CachedObject> InOrder(string ns, string? nodeName, string? afterKey)
    {
        if (nodeName is not null)
        {
            return OnNode(ns, nodeName, afterKey);
        }

        if (ns.Length > 0)
        {
            return _buckets.TryGetValue(ns, out var bucket) ? bucket.After(afterKey) : [];
        }

        // Keys are prefix + namespace + "/" + name, so namespace buckets sort by namespace + "/".
        _bucketOrder ??= [.. _buckets.Values.OrderBy(b => b.Namespace + "/", StringComparer.Ordinal)];
        return _bucketOrder.SelectMany(b => b.After(afterKey));
    }

    private IEnumerable<CachedObject> OnNode(string ns, string nodeName, string? afterKey)
    {
        if (!_byNode.TryGetValue(nodeName, out var keys))
        {
            return [];
        }

        var found = new List<CachedObject>(keys.Count);
        foreach (var key in keys)
        {
            if (afterKey is null || string.CompareOrdinal(key, afterKey) > 0)
            {
                var obj = _byKey[key];
                if (ns.Length == 0 || obj.Namespace == ns)
                {
                    found.Add(obj);
                }
            }
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return found;
    }

    private void Unindex(CachedObject? obj)
    {
        if (obj is { NodeName.Length: > 0 } && _byNode.TryGetValue(obj.NodeName, out var keys) && keys.Remove(obj.Key) && keys.Count == 0)
        {
            _byNode.Remove(obj.NodeName);
        }
    }

    private sealed class Bucket(string ns)
    {
        public string Namespace { get; } = ns;

        public Dictionary<string, CachedObject> Items { get; } = new(StringComparer.Ordinal);

        /// <summary>The keys in order, rebuilt after the key set changes.</summary>
        public string[]? Sorted { get; set; }

        public IEnumerable<CachedObject> After(string? afterKey)
        {
            if (Sorted is null)
            {
                var keys = Items.Keys.ToArray();
                Array.Sort(keys, StringComparer.Ordinal);
                Sorted = keys;
            }

            var sorted = Sorted;
            var start = 0;
            if (afterKey is not null)
            {
                start = Array.BinarySearch(sorted, afterKey, StringComparer.Ordinal);
                start = start >= 0 ? start + 1 : ~start;
            }

            for (var i = start; i < sorted.Length; i++)
            {
                yield return Items[sorted[i]];
            }
        }
    }
}
