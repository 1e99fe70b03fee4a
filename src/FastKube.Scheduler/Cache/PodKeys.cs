using FastKube.Api.Core;

namespace FastKube.Scheduler.Cache;

internal static class PodKeys
{
    /// <summary>The UID (what upstream keys pods by); namespace/name for objects that have none yet (tests).</summary>
    public static string Of(Pod pod) =>
        pod.Metadata?.Uid is { Length: > 0 } uid ? uid : $"{pod.Metadata?.Namespace}/{pod.Metadata?.Name}";

    public static string Namespace(Pod pod) => pod.Metadata?.Namespace ?? "default";
}
