using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Client;

/// <summary>Helpers for API objects held in shared caches.</summary>
public static class KubeObjects
{
    /// <summary>
    /// A deep copy (through the MessagePack codec), for changing an object taken from an informer's cache,
    /// which is shared by every consumer and must not be modified in place.
    /// </summary>
    public static T DeepCopy<T>(T obj)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(obj);
        return KubeMsgPack.Deserialize<T>(KubeMsgPack.Serialize(obj));
    }
}
