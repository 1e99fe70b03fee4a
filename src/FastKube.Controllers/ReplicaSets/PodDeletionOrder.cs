using System.Globalization;
using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Controllers.ReplicaSets;

/// <summary>
/// Which pods a ReplicaSet removes first when it scales down, as upstream's ActivePodsWithRanks orders them
/// (with its default gates PodDeletionCost and LogarithmicScaleDown on): unassigned before assigned,
/// Pending before Unknown before Running, not ready before ready, lower pod-deletion-cost first, pods
/// doubled up on a node with more related pods first, shorter ready time first, more restarts first,
/// newer first. Times compare in log2 buckets of their age, so pods created seconds apart tie and the
/// tie breaks on uid, spreading deletions instead of always taking the very newest.
/// </summary>
internal sealed class PodDeletionOrder(IReadOnlyDictionary<Pod, int> ranks, DateTimeOffset now) : IComparer<Pod>
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>Sorts <paramref name="pods"/> so the first ones are the first to delete; rank = related active pods on the same node.</summary>
    public static List<Pod> Sort(IEnumerable<Pod> pods, IEnumerable<Pod> related, DateTimeOffset now)
    {
        var perNode = related.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName)).GroupBy(p => p.Spec!.NodeName!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var list = pods.ToList();
        var ranks = new Dictionary<Pod, int>(ReferenceEqualityComparer.Instance);
        foreach (var pod in list)
        {
            ranks[pod] = perNode.GetValueOrDefault(pod.Spec?.NodeName ?? "", 0);
        }

        list.Sort(new PodDeletionOrder(ranks, now));
        return list;
    }

    public int Compare(Pod? x, Pod? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var xNode = x.Spec?.NodeName ?? "";
        var yNode = y.Spec?.NodeName ?? "";
        if (xNode.Length == 0 != (yNode.Length == 0))
        {
            return xNode.Length == 0 ? -1 : 1;
        }

        if (PhaseOrdinal(x) != PhaseOrdinal(y))
        {
            return PhaseOrdinal(x).CompareTo(PhaseOrdinal(y));
        }

        var xReady = ReadySince(x, out var xReadyTime);
        var yReady = ReadySince(y, out var yReadyTime);
        if (xReady != yReady)
        {
            return xReady ? 1 : -1;
        }

        if (DeletionCost(x) != DeletionCost(y))
        {
            return DeletionCost(x).CompareTo(DeletionCost(y));
        }

        var xRank = ranks.GetValueOrDefault(x);
        var yRank = ranks.GetValueOrDefault(y);
        if (xRank != yRank)
        {
            return yRank.CompareTo(xRank);
        }

        if (xReady && yReady && xReadyTime != yReadyTime)
        {
            return ByAge(x, y, xReadyTime, yReadyTime);
        }

        var restarts = MaxRestarts(y).CompareTo(MaxRestarts(x));
        if (restarts != 0)
        {
            return restarts;
        }

        var xCreated = x.Metadata?.CreationTimestamp;
        var yCreated = y.Metadata?.CreationTimestamp;
        return xCreated != yCreated ? ByAge(x, y, xCreated, yCreated) : 0;
    }

    // Newer (smaller log2 bucket of age) first; same bucket: by uid, a stable but arbitrary spread.
    private int ByAge(Pod x, Pod y, DateTimeOffset? xTime, DateTimeOffset? yTime)
    {
        var diff = Bucket(xTime) - Bucket(yTime);
        return diff != 0 ? Math.Sign(diff) : string.CompareOrdinal(x.Metadata?.Uid, y.Metadata?.Uid);
    }

    // log2 of the age in nanoseconds, -1 for no time or a time in the future (upstream logarithmicRankDiff).
    private long Bucket(DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return -1;
        }

        var nanoseconds = (now - t).Ticks * 100.0;
        return nanoseconds > 0 ? (long)Math.Log2(nanoseconds) : -1;
    }

    private static int PhaseOrdinal(Pod pod) => pod.Status?.Phase switch
    {
        PodPhases.Unknown => 1,
        PodPhases.Running => 2,
        _ => 0,
    };

    private static bool ReadySince(Pod pod, out DateTimeOffset? since)
    {
        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == PodConditionTypes.Ready);
        since = ready?.LastTransitionTime;
        return ready?.Status == ConditionStatuses.True;
    }

    // An unparsable cost counts as 0, as upstream's controller does (validation rejects it on write).
    private static int DeletionCost(Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(DeletionCostAnnotation, out var text) == true
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost) ? cost : 0;

    private static int MaxRestarts(Pod pod) => pod.Status?.ContainerStatuses?.Max(s => s.RestartCount ?? 0) ?? 0;
}
