using FastKube.Api.Core;

namespace FastKube.Controllers.Nodes;

/// <summary>
/// Upstream's taint eviction (NoExecute) for the pods of one node: each NoExecute taint is matched by the
/// pod's first toleration of it; an untolerated taint evicts now; otherwise the shortest tolerationSeconds
/// among those tolerations (0 or less: now) runs from when the taints were set; tolerations without
/// seconds never evict.
/// </summary>
internal static class TaintEviction
{
    /// <summary>When <paramref name="pod"/> must be evicted from a node with <paramref name="taints"/>, or null for never.</summary>
    public static DateTimeOffset? EvictAt(Pod pod, IEnumerable<Taint>? taints, DateTimeOffset now)
    {
        var noExecute = taints?.Where(t => t.Effect == TaintEffects.NoExecute).ToList() ?? [];
        long? shortest = null;
        foreach (var taint in noExecute)
        {
            var used = pod.Spec?.Tolerations?.FirstOrDefault(t => t.Tolerates(taint));
            if (used is null)
            {
                return now;
            }

            if (used.TolerationSeconds is { } seconds)
            {
                shortest = shortest is null ? seconds : Math.Min(shortest.Value, seconds);
            }
        }

        if (shortest is not { } limit)
        {
            return null;
        }

        var since = noExecute.Max(t => t.TimeAdded) ?? now;
        return limit <= 0 ? now : since.AddSeconds(limit);
    }
}
