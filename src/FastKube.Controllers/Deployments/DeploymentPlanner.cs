using System.Globalization;
using FastKube.Api.Apps;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.Deployments;

/// <summary>The writes of one Deployment sync: at most one rollout step, then the status.</summary>
internal sealed class DeploymentPlan
{
    public ReplicaSet? Create { get; set; }

    /// <summary>ReplicaSets to write back (replicas or annotations changed); copies, never the caller's objects.</summary>
    public List<ReplicaSet> Update { get; } = [];

    /// <summary>Old, empty ReplicaSets beyond revisionHistoryLimit.</summary>
    public List<ReplicaSet> Delete { get; } = [];

    public DeploymentStatus Status { get; set; } = new();

    /// <summary>The revision of the current template's ReplicaSet, which the Deployment carries as its own revision annotation (0: none yet).</summary>
    public long Revision { get; set; }
}

/// <summary>
/// One sync of upstream's deployment controller as a pure function of the Deployment and the ReplicaSets
/// it owns: find or create the ReplicaSet of the current template (revision = highest old revision + 1),
/// then take one step of the strategy — RollingUpdate scales the new set up within maxSurge, else old
/// sets down within maxUnavailable; Recreate scales every old set to zero and waits for their pods to
/// go before scaling the new one — and, once complete, prunes history beyond revisionHistoryLimit. A
/// paused Deployment only follows replica changes on its current sets.
/// </summary>
internal static class DeploymentPlanner
{
    public static DeploymentPlan Plan(Deployment deployment, IReadOnlyList<ReplicaSet> owned, DateTimeOffset now)
    {
        var spec = deployment.Spec!;
        var desired = spec.Replicas ?? 1;
        var rolling = spec.Strategy?.Type != DeploymentStrategyTypes.Recreate;
        var (maxSurge, maxUnavailable) = rolling
            ? RollingUpdateMath.ResolveFenceposts(spec.Strategy?.RollingUpdate?.MaxSurge, spec.Strategy?.RollingUpdate?.MaxUnavailable, desired)
            : (0, 0);
        var current = owned.Where(rs => ReplicaSetTemplates.EqualIgnoringHash(rs.Spec?.Template, spec.Template))
            .OrderBy(rs => rs.Metadata?.CreationTimestamp).FirstOrDefault();
        var old = owned.Where(rs => !ReferenceEquals(rs, current)).ToList();
        var plan = new DeploymentPlan();
        var paused = spec.Paused == true || deployment.Metadata?.DeletionTimestamp is not null;
        var maxOldRevision = old.Count == 0 ? 0 : old.Max(ReplicaSetTemplates.Revision);

        if (paused)
        {
            if (current is not null && Replicas(current) != desired && old.All(rs => Replicas(rs) == 0))
            {
                plan.Update.Add(Scaled(current, desired, desired, maxSurge));
            }
        }
        else if (current is null)
        {
            var replicas = rolling ? RollingUpdateMath.NewReplicaSetReplicas(desired, maxSurge, old.Sum(Replicas), 0) : 0;
            if (rolling || old.All(rs => Replicas(rs) == 0 && (rs.Status?.Replicas ?? 0) == 0))
            {
                plan.Create = ReplicaSetTemplates.NewReplicaSet(deployment, rolling ? replicas : desired, maxOldRevision + 1, maxSurge);
            }
            else
            {
                ScaleOldToZero(old, desired, maxSurge, plan);
            }
        }
        else
        {
            var revised = ReplicaSetTemplates.Revision(current) <= maxOldRevision;
            if (revised)
            {
                current = Revised(current, maxOldRevision + 1);
            }

            var step = rolling
                ? RollingStep(current, old, desired, maxSurge, maxUnavailable, plan)
                : RecreateStep(current, old, desired, plan);
            if (revised && !plan.Update.Any(rs => rs.Metadata!.Name == current.Metadata!.Name))
            {
                plan.Update.Add(current);
            }

            if (!step && IsComplete(deployment, current, old, desired))
            {
                Prune(old, spec.RevisionHistoryLimit ?? 10, plan);
            }
        }

        plan.Revision = plan.Create is { } created ? ReplicaSetTemplates.Revision(created)
            : current is not null ? Math.Max(ReplicaSetTemplates.Revision(current), plan.Update.Where(rs => rs.Metadata!.Name == current.Metadata!.Name).Select(ReplicaSetTemplates.Revision).DefaultIfEmpty(0).Max())
            : 0;
        plan.Status = DeploymentStatuses.Compute(deployment, current ?? plan.Create, owned, plan, desired, maxUnavailable, now);
        return plan;
    }

    // One rolling step: scale the new set toward desired within the surge budget, else old sets down.
    private static bool RollingStep(ReplicaSet current, List<ReplicaSet> old, int desired, int maxSurge, int maxUnavailable, DeploymentPlan plan)
    {
        var all = old.Sum(Replicas) + Replicas(current);
        var target = Replicas(current) > desired ? desired : RollingUpdateMath.NewReplicaSetReplicas(desired, maxSurge, all, Replicas(current));
        if (target != Replicas(current))
        {
            plan.Update.Add(Scaled(current, target, desired, maxSurge));
            return true;
        }

        var active = old.Where(rs => Replicas(rs) > 0).ToList();
        var next = RollingUpdateMath.ScaleDownOld(desired, maxUnavailable, [.. active.Select(Counts)], Counts(current));
        for (var i = 0; i < active.Count; i++)
        {
            if (next[i] != Replicas(active[i]))
            {
                plan.Update.Add(Scaled(active[i], next[i], desired, maxSurge));
            }
        }

        return plan.Update.Count > 0;
    }

    // Recreate: every old pod must be gone before the new set runs any.
    private static bool RecreateStep(ReplicaSet current, List<ReplicaSet> old, int desired, DeploymentPlan plan)
    {
        if (ScaleOldToZero(old, desired, 0, plan) || old.Any(rs => (rs.Status?.Replicas ?? 0) > 0) || Replicas(current) == desired)
        {
            return plan.Update.Count > 0;
        }

        plan.Update.Add(Scaled(current, desired, desired, 0));
        return true;
    }

    private static bool ScaleOldToZero(List<ReplicaSet> old, int desired, int maxSurge, DeploymentPlan plan)
    {
        foreach (var rs in old.Where(rs => Replicas(rs) > 0))
        {
            plan.Update.Add(Scaled(rs, 0, desired, maxSurge));
        }

        return plan.Update.Count > 0;
    }

    // Old sets with no pods, oldest revisions first, beyond the history limit.
    private static void Prune(List<ReplicaSet> old, int limit, DeploymentPlan plan)
    {
        var empty = old.Where(rs => Replicas(rs) == 0 && (rs.Status?.Replicas ?? 0) == 0 && rs.Metadata?.DeletionTimestamp is null)
            .OrderBy(ReplicaSetTemplates.Revision).ToList();
        plan.Delete.AddRange(empty.Take(Math.Max(0, empty.Count - limit)));
    }

    public static bool IsComplete(Deployment deployment, ReplicaSet current, IEnumerable<ReplicaSet> old, int desired) =>
        (current.Status?.Replicas ?? 0) == desired
        && (current.Status?.AvailableReplicas ?? 0) == desired
        && Replicas(current) == desired
        && old.All(rs => Replicas(rs) == 0 && (rs.Status?.Replicas ?? 0) == 0)
        && (deployment.Status?.ObservedGeneration ?? 0) >= (deployment.Metadata?.Generation ?? 0);

    public static int Replicas(ReplicaSet rs) => rs.Spec?.Replicas ?? 0;

    private static ReplicaCounts Counts(ReplicaSet rs) =>
        new(rs.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue, Replicas(rs), rs.Status?.AvailableReplicas ?? 0);

    private static ReplicaSet Scaled(ReplicaSet rs, int replicas, int desired, int maxSurge)
    {
        var copy = Objects.Copy(rs);
        copy.Spec!.Replicas = replicas;
        ReplicaSetTemplates.SetReplicaAnnotations(copy, desired, maxSurge);
        return copy;
    }

    // The current template was used before (a rollback): it becomes the newest revision, and the revision it
    // had is remembered in the history annotation as upstream does.
    private static ReplicaSet Revised(ReplicaSet rs, long revision)
    {
        var copy = Objects.Copy(rs);
        var annotations = copy.Metadata!.Annotations ??= new(StringComparer.Ordinal);
        if (annotations.TryGetValue(ReplicaSetTemplates.RevisionAnnotation, out var previous) && previous.Length > 0)
        {
            annotations[ReplicaSetTemplates.RevisionHistoryAnnotation] = annotations.TryGetValue(ReplicaSetTemplates.RevisionHistoryAnnotation, out var history) && history.Length > 0
                ? $"{history},{previous}"
                : previous;
        }

        annotations[ReplicaSetTemplates.RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        return copy;
    }
}
