using FastKube.Api.Apps;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.Deployments;

/// <summary>
/// A Deployment's status as upstream computes it from its ReplicaSets, with the Available and Progressing
/// conditions and their reasons, which <c>kubectl rollout status</c> reads (NewReplicaSetCreated,
/// ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded, DeploymentPaused).
/// </summary>
internal static class DeploymentStatuses
{
    public static DeploymentStatus Compute(Deployment deployment, ReplicaSet? current, IReadOnlyList<ReplicaSet> owned, DeploymentPlan plan, int desired, int maxUnavailable, DateTimeOffset now)
    {
        var previous = deployment.Status ?? new DeploymentStatus();
        var available = owned.Sum(rs => rs.Status?.AvailableReplicas ?? 0);
        var status = new DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata?.Generation,
            Replicas = owned.Sum(rs => rs.Status?.Replicas ?? 0),
            UpdatedReplicas = current is null || plan.Create is not null ? 0 : current.Status?.Replicas ?? 0,
            ReadyReplicas = owned.Sum(rs => rs.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, desired - available),
            CollisionCount = previous.CollisionCount,
            Conditions = [.. (previous.Conditions ?? []).Select(Objects.Copy)],
        };

        Set(status, DeploymentConditionTypes.Available, now, available >= desired - maxUnavailable
            ? (ConditionStatuses.True, "MinimumReplicasAvailable", "Deployment has minimum availability.", false)
            : (ConditionStatuses.False, "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", false));
        if (Progressing(deployment, current, owned, plan, status, previous, desired, now) is { } progressing)
        {
            Set(status, DeploymentConditionTypes.Progressing, now, progressing);
        }

        return status;
    }

    // Refresh: progress was made, so lastUpdateTime moves even when the condition reads the same; the
    // progress deadline counts from it.
    private static (string Status, string Reason, string Message, bool Refresh)? Progressing(Deployment deployment, ReplicaSet? current, IReadOnlyList<ReplicaSet> owned, DeploymentPlan plan, DeploymentStatus status, DeploymentStatus previous, int desired, DateTimeOffset now)
    {
        var name = current?.Metadata?.Name;
        var existing = previous.Conditions?.FirstOrDefault(c => c.Type == DeploymentConditionTypes.Progressing);
        if (deployment.Spec?.Paused == true)
        {
            return (ConditionStatuses.Unknown, "DeploymentPaused", "Deployment is paused", false);
        }

        if (existing?.Reason == "DeploymentPaused")
        {
            return (ConditionStatuses.Unknown, "DeploymentResumed", "Deployment is resumed", false);
        }

        if (plan.Create is not null)
        {
            return (ConditionStatuses.True, "NewReplicaSetCreated", $"Created new replica set \"{plan.Create.Metadata!.Name}\"", true);
        }

        if (current is null)
        {
            return null;
        }

        if (DeploymentPlanner.IsComplete(deployment, current, owned.Where(rs => rs.Metadata?.Name != current.Metadata?.Name), desired))
        {
            return (ConditionStatuses.True, "NewReplicaSetAvailable", $"ReplicaSet \"{name}\" has successfully progressed.", false);
        }

        var progressed = status.UpdatedReplicas > (previous.UpdatedReplicas ?? 0)
            || status.ReadyReplicas > (previous.ReadyReplicas ?? 0)
            || status.AvailableReplicas > (previous.AvailableReplicas ?? 0)
            || status.Replicas - status.UpdatedReplicas < (previous.Replicas ?? 0) - (previous.UpdatedReplicas ?? 0)
            || plan.Update.Count > 0;
        if (progressed || existing is null)
        {
            return (ConditionStatuses.True, "ReplicaSetUpdated", $"ReplicaSet \"{name}\" is progressing.", true);
        }

        var deadline = deployment.Spec?.ProgressDeadlineSeconds;
        return deadline is { } seconds && existing.Reason != "NewReplicaSetAvailable" && existing.LastUpdateTime + TimeSpan.FromSeconds(seconds) < now
            ? (ConditionStatuses.False, "ProgressDeadlineExceeded", $"ReplicaSet \"{name}\" has timed out progressing.", false)
            : null;
    }

    // Upstream SetDeploymentCondition: the same status, reason and message leave the condition as it is
    // unless progress refreshes it; a new status moves lastTransitionTime, any write moves lastUpdateTime.
    private static void Set(DeploymentStatus status, string type, DateTimeOffset now, (string Status, string Reason, string Message, bool Refresh) condition)
    {
        var conditions = status.Conditions!;
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (!condition.Refresh && existing is not null && existing.Status == condition.Status && existing.Reason == condition.Reason && existing.Message == condition.Message)
        {
            return;
        }

        conditions.RemoveAll(c => c.Type == type);
        conditions.Add(new DeploymentCondition
        {
            Type = type,
            Status = condition.Status,
            Reason = condition.Reason,
            Message = condition.Message,
            LastUpdateTime = now,
            LastTransitionTime = existing?.Status == condition.Status ? existing.LastTransitionTime : now,
        });
    }
}
