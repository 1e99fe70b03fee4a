using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.ReplicaSets;

/// <summary>What one ReplicaSet sync does: pods to create (a count: they are stamped from the template), pods to delete, and the status.</summary>
internal sealed record ReplicaSetPlan(int Create, List<Pod> Delete, ReplicaSetStatus Status);

/// <summary>
/// One sync of upstream's ReplicaSet controller as a pure function of the ReplicaSet and the active pods it
/// owns: create or delete the difference to spec.replicas (at most burstReplicas per sync, the least
/// valuable pods first), and count replicas, fully labeled, ready and available (ready for minReadySeconds).
/// </summary>
internal static class ReplicaSetPlanner
{
    /// <summary>Upstream's default --concurrent-replicaset-syncs burst: creates or deletes per sync.</summary>
    public const int BurstReplicas = 500;

    /// <summary>A pod counts toward replicas until it is terminal or being deleted.</summary>
    public static bool IsActive(Pod pod) =>
        pod.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed) && pod.Metadata?.DeletionTimestamp is null;

    public static ReplicaSetPlan Plan(ReplicaSet replicaSet, IReadOnlyList<Pod> owned, IReadOnlyList<Pod> related, DateTimeOffset now)
    {
        var active = owned.Where(IsActive).ToList();
        var diff = active.Count - (replicaSet.Spec?.Replicas ?? 1);
        var delete = diff > 0
            ? PodDeletionOrder.Sort(active, related.Where(IsActive), now).Take(Math.Min(diff, BurstReplicas)).ToList()
            : [];
        return new ReplicaSetPlan(diff < 0 ? Math.Min(-diff, BurstReplicas) : 0, delete, Status(replicaSet, active, now));
    }

    public static ReplicaSetStatus Status(ReplicaSet replicaSet, IReadOnlyList<Pod> active, DateTimeOffset now)
    {
        var templateLabels = replicaSet.Spec?.Template?.Metadata?.Labels ?? [];
        var minReady = TimeSpan.FromSeconds(replicaSet.Spec?.MinReadySeconds ?? 0);
        return new ReplicaSetStatus
        {
            Replicas = active.Count,
            FullyLabeledReplicas = active.Count(p => templateLabels.All(l => p.Metadata?.Labels?.GetValueOrDefault(l.Key) == l.Value)),
            ReadyReplicas = active.Count(p => ReadySince(p) is not null),
            AvailableReplicas = active.Count(p => ReadySince(p) is { } since && since + minReady <= now),
            ObservedGeneration = replicaSet.Metadata?.Generation,
            Conditions = replicaSet.Status?.Conditions,
        };
    }

    /// <summary>A new pod from the ReplicaSet's template: its labels and annotations, generateName from the set's name, owned by the set.</summary>
    public static Pod PodFromTemplate(ReplicaSet replicaSet) =>
        PodTemplates.NewPod(replicaSet, ReplicaSet.GroupVersion, ReplicaSet.KindName, replicaSet.Spec!.Template!);

    /// <summary>Upstream's IsPodAvailable: ready for at least minReadySeconds.</summary>
    public static bool IsAvailable(Pod pod, int? minReadySeconds, DateTimeOffset now) =>
        ReadySince(pod) is { } since && since + TimeSpan.FromSeconds(minReadySeconds ?? 0) <= now;

    /// <summary>When the pod became ready, or null while it is not ready (a ready pod without a transition time counts as ready since forever).</summary>
    public static DateTimeOffset? ReadySince(Pod pod)
    {
        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == PodConditionTypes.Ready);
        return ready?.Status == ConditionStatuses.True ? ready.LastTransitionTime ?? DateTimeOffset.MinValue : null;
    }
}
