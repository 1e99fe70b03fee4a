using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.NodeAgent.Pleg;

namespace FastKube.NodeAgent.Status;

internal static partial class PodStatusBuilder
{
    /// <summary>
    /// Conditions in upstream's order (PodReadyToStartContainers, Initialized, Ready, ContainersReady,
    /// PodScheduled) with upstream's reasons and messages; lastTransitionTime moves only when the status does.
    /// </summary>
    private static List<PodCondition> Conditions(
        PodStatus old,
        PodSpec spec,
        RuntimePod runtime,
        List<ContainerStatus> init,
        List<ContainerStatus> containers,
        string phase,
        bool initialized,
        DateTimeOffset now)
    {
        var completed = phase is PodPhases.Succeeded or PodPhases.Failed;
        var result = new List<PodCondition>
        {
            Condition(old, now, PodConditionTypes.PodReadyToStartContainers, runtime.ReadySandbox is not null && !completed, null, null),
        };

        var incomplete = init.Where(s => s.State?.Terminated is not { ExitCode: 0 }).Select(s => s.Name).ToList();
        result.Add(initialized || incomplete.Count == 0
            ? Condition(old, now, PodConditionTypes.Initialized, true, null, null)
            : Condition(old, now, PodConditionTypes.Initialized, false, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]"));

        var unready = containers.Where(s => s.Ready != true).Select(s => s.Name).ToList();
        string? reason = null, message = null;
        if (completed)
        {
            reason = "PodCompleted";
        }
        else if (!initialized && incomplete.Count > 0)
        {
            reason = "ContainersNotInitialized";
            message = $"containers with incomplete status: [{string.Join(' ', incomplete)}]";
        }
        else if (unready.Count > 0)
        {
            reason = "ContainersNotReady";
            message = $"containers with unready status: [{string.Join(' ', unready)}]";
        }

        var ready = reason is null;
        result.Add(Condition(old, now, PodConditionTypes.Ready, ready, reason, message));
        result.Add(Condition(old, now, PodConditionTypes.ContainersReady, ready, reason, message));

        var scheduled = old.Conditions?.FirstOrDefault(c => c.Type == PodConditionTypes.PodScheduled);
        result.Add(scheduled ?? Condition(old, now, PodConditionTypes.PodScheduled, true, null, null));
        return result;
    }

    private static PodCondition Condition(PodStatus old, DateTimeOffset now, string type, bool value, string? reason, string? message)
    {
        var status = value ? ConditionStatuses.True : ConditionStatuses.False;
        var previous = old.Conditions?.FirstOrDefault(c => c.Type == type);
        return new PodCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastProbeTime = null,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime ?? now : now,
        };
    }
}
