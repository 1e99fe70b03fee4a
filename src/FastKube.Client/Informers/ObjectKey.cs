using FastKube.Api.Meta;

namespace FastKube.Client.Informers;

/// <summary>
/// The cache key of an object: namespace ("" for cluster-scoped kinds) and name. A struct over the object's own
/// strings, so the cache keeps no key string per object. Prints as <c>namespace/name</c> (or <c>name</c>), the
/// form work queues carry.
/// </summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public static ObjectKey Of(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ObjectKey(obj.Metadata?.Namespace ?? "", obj.Metadata?.Name ?? "");
    }

    /// <summary>Reads <c>namespace/name</c> or <c>name</c>.</summary>
    public static ObjectKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ObjectKey("", key) : new ObjectKey(key[..slash], key[(slash + 1)..]);
    }

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
