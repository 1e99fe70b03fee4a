using FastKube.Api;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Controllers.Common;
using FastKube.Controllers.ReplicaSets;

namespace FastKube.Controllers.DaemonSets;

/// <summary>The writes of one DaemonSet sync and the status it results in.</summary>
internal sealed record DaemonSetPlan(List<Pod> Create, List<Pod> Delete, DaemonSetStatus Status);

/// <summary>
/// One sync of upstream's DaemonSet controller as a pure function of the set, the nodes and the set's pods:
/// a pod on every node that should run one (none while one is still terminating there), none where it
/// must not keep running, failed pods replaced, duplicates removed (the oldest stays); then one step of the
/// RollingUpdate strategy (<see cref="RollingUpdate"/>); OnDelete replaces pods only when they are deleted.
/// </summary>
internal static partial class DaemonSetPlanner
{
    public static DaemonSetPlan Plan(DaemonSet ds, IReadOnlyList<Node> nodes, IReadOnlyList<Pod> pods, string hash, DateTimeOffset now)
    {
        var spec = DaemonPods.Spec(ds);
        var byNode = pods.Where(p => DaemonPods.TargetNode(p) is not null).ToLookup(p => DaemonPods.TargetNode(p)!, StringComparer.Ordinal);
        var create = new List<Pod>();
        var delete = new List<Pod>();
        var running = new Dictionary<string, List<Pod>>(StringComparer.Ordinal);
        var status = new DaemonSetStatus { ObservedGeneration = ds.Metadata?.Generation, CollisionCount = ds.Status?.CollisionCount, Conditions = ds.Status?.Conditions };
        int desired = 0, scheduled = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
        foreach (var node in nodes.OrderBy(n => n.Metadata?.Name, StringComparer.Ordinal))
        {
            var name = node.Metadata!.Name!;
            var (shouldRun, shouldContinue) = DaemonPods.Fits(spec, node);
            var onNode = byNode[name].ToList();
            var alive = onNode.Where(p => p.Metadata?.DeletionTimestamp is null).ToList();
            if (shouldRun)
            {
                desired++;
                scheduled += onNode.Count > 0 ? 1 : 0;
            }
            else if (alive.Count > 0)
            {
                misscheduled++;
            }

            if (shouldRun && onNode.Count == 0)
            {
                create.Add(DaemonPods.NewPod(ds, spec, name, hash));
                continue;
            }

            if (!shouldContinue)
            {
                delete.AddRange(alive);
                continue;
            }

            var failed = alive.Where(p => p.Status?.Phase == PodPhases.Failed).ToList();
            delete.AddRange(failed);
            var keep = Survivors(alive.Except(failed).ToList(), hash);
            delete.AddRange(alive.Except(failed).Except(keep));
            running[name] = keep;
            if (shouldRun && keep.Count > 0)
            {
                // Status counts the newest surviving pod, as upstream's looks at the pod of the current revision first.
                var pod = keep.FirstOrDefault(p => Hash(p) == hash) ?? keep[0];
                ready += EndpointSlices.EndpointBuilder.IsReady(pod) ? 1 : 0;
                available += ReplicaSetPlanner.IsAvailable(pod, ds.Spec?.MinReadySeconds, now) ? 1 : 0;
                updated += keep.Any(p => Hash(p) == hash) ? 1 : 0;
            }
        }

        status.DesiredNumberScheduled = desired;
        status.CurrentNumberScheduled = scheduled;
        status.NumberMisscheduled = misscheduled;
        status.NumberReady = ready;
        status.NumberAvailable = available;
        status.NumberUnavailable = desired - available;
        status.UpdatedNumberScheduled = updated;

        if (ds.Spec?.UpdateStrategy?.Type is null or "RollingUpdate")
        {
            RollingUpdate(ds, running, desired, hash, now, create, delete, spec);
        }

        return new DaemonSetPlan(create, delete, status);
    }

    internal static string? Hash(Pod pod) => pod.Metadata?.Labels?.GetValueOrDefault(Revisions.HashLabel);

    // The oldest pod stays; during a surge also the oldest pod of the current revision.
    private static List<Pod> Survivors(List<Pod> pods, string hash)
    {
        var ordered = pods.OrderBy(p => p.Metadata?.CreationTimestamp).ThenBy(p => p.Metadata?.Name, StringComparer.Ordinal).ToList();
        if (ordered.Count <= 1)
        {
            return ordered;
        }

        var oldest = ordered[0];
        return Hash(oldest) == hash ? [oldest] : ordered.FirstOrDefault(p => Hash(p) == hash) is { } current ? [oldest, current] : [oldest];
    }

    private static (int MaxSurge, int MaxUnavailable) Limits(DaemonSet ds, int desired)
    {
        var rolling = ds.Spec?.UpdateStrategy?.RollingUpdate;
        var surge = (rolling?.MaxSurge ?? new IntOrString(0)).GetScaledValue(desired, roundUp: true);
        var unavailable = (rolling?.MaxUnavailable ?? new IntOrString(1)).GetScaledValue(desired, roundUp: true);

        // Upstream: both zero would never make progress, so one may be unavailable.
        return (surge, surge == 0 && unavailable == 0 ? 1 : unavailable);
    }
}
