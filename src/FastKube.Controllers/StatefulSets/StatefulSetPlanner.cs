using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Controllers.ReplicaSets;

namespace FastKube.Controllers.StatefulSets;

/// <summary>A revision's name and the pod template it holds.</summary>
internal sealed record StatefulRevision(string Name, PodTemplateSpec Template);

/// <summary>The writes of one StatefulSet sync and the status it results in.</summary>
internal sealed record StatefulSetPlan(List<Pod> Create, List<Pod> Delete, StatefulSetStatus Status);

/// <summary>
/// One sync of upstream's StatefulSet control as a pure function of the set, its pods and its current and
/// update revisions. Ordinals below spec.replicas are replicas, the rest are condemned. Failed or
/// succeeded replicas are deleted to be made again; missing ones are created (below the partition from the
/// current revision, otherwise from the update revision); condemned pods go in decreasing ordinal order.
/// With OrderedReady every step waits until the pods before it are Running and Ready: one creation, one
/// deletion at a time. Parallel acts on all at once. Once every replica is healthy, RollingUpdate deletes
/// the highest-ordinal pod not at the update revision, down to the partition, one at a time.
/// volumeClaimTemplates are not implemented (PersistentVolumeClaims are not provisioned).
/// </summary>
internal static class StatefulSetPlanner
{
    public static StatefulSetPlan Plan(StatefulSet set, IReadOnlyList<Pod> pods, StatefulRevision current, StatefulRevision update, DateTimeOffset now)
    {
        var spec = set.Spec!;
        var start = spec.Ordinals?.Start ?? 0;
        var replicaCount = spec.Replicas ?? 1;
        var ordered = spec.PodManagementPolicy != PodManagementPolicies.Parallel;
        var partition = spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
        var byOrdinal = pods.Where(p => StatefulPods.Ordinal(set, p) is not null).GroupBy(p => StatefulPods.Ordinal(set, p)!.Value).ToDictionary(g => g.Key, g => g.First());
        bool Healthy(Pod pod) => pod.Status?.Phase == PodPhases.Running && pod.Metadata?.DeletionTimestamp is null && ReplicaSetPlanner.IsAvailable(pod, spec.MinReadySeconds, now);
        bool Terminating(Pod pod) => pod.Metadata?.DeletionTimestamp is not null;
        var create = new List<Pod>();
        var delete = new List<Pod>();
        var status = Status(set, pods, current, update, now);
        var blocked = false;

        for (var ordinal = start; ordinal < start + replicaCount && !blocked; ordinal++)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod))
            {
                var fromCurrent = spec.UpdateStrategy?.Type is null or "RollingUpdate" && ordinal < start + partition;
                var revision = fromCurrent ? current : update;
                create.Add(StatefulPods.New(set, revision.Template, ordinal, revision.Name));
                blocked = ordered;
                continue;
            }

            if (pod.Status?.Phase is PodPhases.Failed or PodPhases.Succeeded && !Terminating(pod))
            {
                delete.Add(pod);
                blocked = ordered;
                continue;
            }

            blocked = ordered && !Healthy(pod);
        }

        var condemned = byOrdinal.Where(p => p.Key < start || p.Key >= start + replicaCount).OrderByDescending(p => p.Key).Select(p => p.Value).ToList();
        foreach (var pod in condemned)
        {
            if (blocked)
            {
                break;
            }

            if (Terminating(pod))
            {
                blocked = ordered;
                continue;
            }

            delete.Add(pod);
            blocked = ordered;
        }

        if (!blocked && create.Count == 0 && delete.Count == 0 && spec.UpdateStrategy?.Type is null or "RollingUpdate")
        {
            for (var ordinal = start + replicaCount - 1; ordinal >= start + partition; ordinal--)
            {
                if (!byOrdinal.TryGetValue(ordinal, out var pod))
                {
                    continue;
                }

                if (StatefulPods.Revision(pod) != update.Name && !Terminating(pod))
                {
                    delete.Add(pod);
                    break;
                }

                if (!Healthy(pod))
                {
                    break;
                }
            }
        }

        return new StatefulSetPlan(create, delete, status);
    }

    // Upstream's status: every pod counts in replicas; current and updated count live pods by revision;
    // once every replica is at the update revision and ready, the update revision becomes the current one.
    private static StatefulSetStatus Status(StatefulSet set, IReadOnlyList<Pod> pods, StatefulRevision current, StatefulRevision update, DateTimeOffset now)
    {
        var live = pods.Where(p => p.Metadata?.DeletionTimestamp is null).ToList();
        var status = new StatefulSetStatus
        {
            ObservedGeneration = set.Metadata?.Generation,
            Replicas = pods.Count,
            ReadyReplicas = pods.Count(p => p.Status?.Phase == PodPhases.Running && ReplicaSetPlanner.ReadySince(p) is not null),
            AvailableReplicas = pods.Count(p => p.Status?.Phase == PodPhases.Running && ReplicaSetPlanner.IsAvailable(p, set.Spec?.MinReadySeconds, now)),
            CurrentReplicas = live.Count(p => StatefulPods.Revision(p) == current.Name),
            UpdatedReplicas = live.Count(p => StatefulPods.Revision(p) == update.Name),
            CurrentRevision = current.Name,
            UpdateRevision = update.Name,
            CollisionCount = set.Status?.CollisionCount,
            Conditions = set.Status?.Conditions,
        };
        var replicas = set.Spec?.Replicas ?? 1;
        if (set.Spec?.UpdateStrategy?.Type is null or "RollingUpdate" && status.UpdatedReplicas == replicas && status.ReadyReplicas == replicas && status.Replicas == replicas)
        {
            status.CurrentRevision = update.Name;
            status.CurrentReplicas = status.UpdatedReplicas;
        }

        return status;
    }
}
