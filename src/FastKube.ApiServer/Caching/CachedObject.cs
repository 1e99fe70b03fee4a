using System.Globalization;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Http;

namespace FastKube.ApiServer.Caching;

/// <summary>
/// One version of an object as the watch cache holds it: the decoded object (its resourceVersion set,
/// never mutated after construction) and its MessagePack and JSON encodings, each made at most once and
/// then shared by every list and watcher that sends it (the "serialize once" of upstream's cacher).
/// </summary>
internal sealed class CachedObject
{
    private readonly Lock _encoding = new();
    private byte[]? _msgPack;
    private byte[]? _json;

    public CachedObject(string key, KubeObject obj, long revision)
    {
        Key = key;
        Object = obj;
        Revision = revision;
        var meta = obj.Metadata ??= new ObjectMeta();
        meta.ResourceVersion = revision.ToString(CultureInfo.InvariantCulture);
        Namespace = meta.Namespace ?? "";
        NodeName = obj is Pod pod ? pod.Spec?.NodeName ?? "" : "";
    }

    /// <summary>The store key.</summary>
    public string Key { get; }

    /// <summary>The object; shared between readers, so nobody may change it.</summary>
    public KubeObject Object { get; }

    /// <summary>The object's resourceVersion (for a deleted object: the deletion's revision).</summary>
    public long Revision { get; }

    public string Namespace { get; }

    /// <summary>A pod's spec.nodeName ("" when unbound or not a pod): the key of the node index.</summary>
    public string NodeName { get; }

    /// <summary>The object as FastKube MessagePack (docs/msgpack-schema.md), encoded on first use.</summary>
    public byte[] MsgPack => Volatile.Read(ref _msgPack) ?? Encode(ref _msgPack, static o => MsgPackObjects.Encode(o));

    /// <summary>The object as Kubernetes JSON, encoded on first use.</summary>
    public byte[] Json => Volatile.Read(ref _json) ?? Encode(ref _json, static o => KubeJson.Serialize(o));

    /// <summary>The encoding a watcher of <paramref name="encoding"/> sends.</summary>
    public byte[] Encoded(WatchEncoding encoding) => encoding == WatchEncoding.MsgPack ? MsgPack : Json;

    // The lock makes "at most once" hold when a list and a watcher ask for the same bytes together.
    private byte[] Encode(ref byte[]? slot, Func<object, byte[]> encode)
    {
        lock (_encoding)
        {
            var bytes = slot;
            if (bytes is null)
            {
                bytes = encode(Object);
                Volatile.Write(ref slot, bytes);
            }

            return bytes;
        }
    }
}
