using FastKube.Api.Meta;

namespace FastKube.Client.Informers;

/// <summary>
/// The thread-safe store behind an informer (client-go's Indexer): the latest version of every object, each
/// held once and shared by every reader, plus named indexes (value → keys). Objects handed out are the
/// cache's own: treat them as read-only and copy (<see cref="KubeObjects.DeepCopy{T}"/>) before changing one.
/// </summary>
public sealed class InformerCache<T>
    where T : KubeObject
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>
    /// Adds a named index. Allowed at any time; the objects already cached are indexed at once. The function
    /// returns the values an object is filed under (see <see cref="Indexers"/> for the common ones).
    /// </summary>
    public void AddIndexer(string name, Func<T, IEnumerable<string>> index)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(index);
        lock (_gate)
        {
            if (_indexes.ContainsKey(name))
            {
                throw new ArgumentException($"an index named \"{name}\" already exists", nameof(name));
            }

            var added = new Index(index);
            foreach (var (key, obj) in _items)
            {
                added.Add(key, obj);
            }

            _indexes.Add(name, added);
        }
    }

    public bool HasIndexer(string name)
    {
        lock (_gate)
        {
            return _indexes.ContainsKey(name);
        }
    }

    public T? Get(string? ns, string name) => Get(new ObjectKey(ns ?? "", name));

    public T? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>Every cached object (a snapshot list; the objects are shared).</summary>
    public List<T> List()
    {
        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>The objects of one namespace; uses the <see cref="Indexers.Namespace"/> index when there is one.</summary>
    public List<T> List(string ns)
    {
        lock (_gate)
        {
            return _indexes.ContainsKey(Indexers.Namespace)
                ? ByIndexLocked(Indexers.Namespace, ns)
                : _items.Values.Where(o => (o.Metadata?.Namespace ?? "") == ns).ToList();
        }
    }

    public List<ObjectKey> Keys()
    {
        lock (_gate)
        {
            return [.. _items.Keys];
        }
    }

    /// <summary>The objects filed under <paramref name="value"/> in index <paramref name="indexName"/>.</summary>
    public List<T> ByIndex(string indexName, string value)
    {
        lock (_gate)
        {
            return ByIndexLocked(indexName, value);
        }
    }

    /// <summary>The keys filed under <paramref name="value"/> in index <paramref name="indexName"/>.</summary>
    public List<ObjectKey> KeysByIndex(string indexName, string value)
    {
        lock (_gate)
        {
            return IndexOf(indexName).Keys(value).ToList();
        }
    }

    /// <summary>Every value of an index that has at least one object.</summary>
    public List<string> IndexValues(string indexName)
    {
        lock (_gate)
        {
            return IndexOf(indexName).Values();
        }
    }

    /// <summary>Stores <paramref name="obj"/>, returning the version it replaced (null when new).</summary>
    internal T? Upsert(T obj)
    {
        var key = ObjectKey.Of(obj);
        lock (_gate)
        {
            _items.TryGetValue(key, out var old);
            _items[key] = obj;
            foreach (var index in _indexes.Values)
            {
                if (old is not null)
                {
                    index.Remove(key, old);
                }

                index.Add(key, obj);
            }

            return old;
        }
    }

    internal T? Remove(ObjectKey key)
    {
        lock (_gate)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            foreach (var index in _indexes.Values)
            {
                index.Remove(key, old);
            }

            return old;
        }
    }

    private List<T> ByIndexLocked(string indexName, string value) =>
        IndexOf(indexName).Keys(value).Select(k => _items[k]).ToList();

    private Index IndexOf(string name) =>
        _indexes.TryGetValue(name, out var index) ? index : throw new ArgumentException($"no index named \"{name}\"", nameof(name));

    private sealed class Index(Func<T, IEnumerable<string>> function)
    {
        private readonly Dictionary<string, HashSet<ObjectKey>> _byValue = new(StringComparer.Ordinal);

        public void Add(ObjectKey key, T obj)
        {
            foreach (var value in function(obj))
            {
                if (!_byValue.TryGetValue(value, out var keys))
                {
                    _byValue[value] = keys = [];
                }

                keys.Add(key);
            }
        }

        public void Remove(ObjectKey key, T obj)
        {
            foreach (var value in function(obj))
            {
                if (_byValue.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    _byValue.Remove(value);
                }
            }
        }

        public IEnumerable<ObjectKey> Keys(string value) =>
            _byValue.TryGetValue(value, out var keys) ? keys : [];

        public List<string> Values() => [.. _byValue.Keys];
    }
}
