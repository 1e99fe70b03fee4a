using FastKube.Api.Serialization;

namespace FastKube.Controllers.Common;

internal static class Objects
{
    /// <summary>A deep copy through the JSON contract: controllers change copies of cached objects, never the cache's own.</summary>
    public static T Copy<T>(T value) => KubeJson.Deserialize<T>(KubeJson.Serialize(value))!;
}
