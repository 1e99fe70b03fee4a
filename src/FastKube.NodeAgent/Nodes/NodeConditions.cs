using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Cri.V1;

namespace FastKube.NodeAgent.Nodes;

/// <summary>
/// The node's conditions as upstream's kubelet sets them (pkg/kubelet/nodestatus/setters.go), with its
/// reasons and messages. lastHeartbeatTime is the time of this report; lastTransitionTime moves only when a
/// condition's status changes.
/// </summary>
internal static class NodeConditions
{
    /// <summary>Pressure signals from eviction thresholds; hollow nodes report none.</summary>
    public readonly record struct Pressure(bool Memory, bool Disk, bool Pid);

    public static List<NodeCondition> Compute(RuntimeStatus? runtime, Pressure pressure, IReadOnlyList<NodeCondition>? previous, DateTimeOffset now)
    {
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, now.Offset);
        var problems = RuntimeProblems(runtime);
        return
        [
            Condition(previous, now, NodeConditionTypes.MemoryPressure, pressure.Memory,
                pressure.Memory ? ("KubeletHasInsufficientMemory", "kubelet has insufficient memory available") : ("KubeletHasSufficientMemory", "kubelet has sufficient memory available")),
            Condition(previous, now, NodeConditionTypes.DiskPressure, pressure.Disk,
                pressure.Disk ? ("KubeletHasDiskPressure", "kubelet has disk pressure") : ("KubeletHasNoDiskPressure", "kubelet has no disk pressure")),
            Condition(previous, now, NodeConditionTypes.PIDPressure, pressure.Pid,
                pressure.Pid ? ("KubeletHasInsufficientPID", "kubelet has insufficient PID available") : ("KubeletHasSufficientPID", "kubelet has sufficient PID available")),
            Condition(previous, now, NodeConditionTypes.Ready, problems.Count == 0,
                problems.Count == 0 ? ("KubeletReady", "kubelet is posting ready status")
                    : ("KubeletNotReady", problems.Count == 1 ? problems[0] : "[" + string.Join(", ", problems) + "]")),
        ];
    }

    /// <summary>True when a report must go out: a condition's status, reason or message differs from the last one.</summary>
    public static bool Changed(IReadOnlyList<NodeCondition>? previous, IReadOnlyList<NodeCondition> current) =>
        previous is null || current.Any(c => previous.FirstOrDefault(p => p.Type == c.Type) is not { } p
            || p.Status != c.Status || p.Reason != c.Reason || p.Message != c.Message);

    /// <summary>upstream's runtime error texts: "container runtime not ready: RuntimeReady=false reason:X message:Y".</summary>
    private static List<string> RuntimeProblems(RuntimeStatus? runtime)
    {
        var problems = new List<string>();
        if (runtime is null)
        {
            problems.Add("container runtime status check may not have completed yet");
            return problems;
        }

        foreach (var (type, label) in new[] { ("RuntimeReady", "container runtime not ready"), ("NetworkReady", "container runtime network not ready") })
        {
            var condition = runtime.Conditions.FirstOrDefault(c => c.Type == type);
            if (condition is null || !condition.Status)
            {
                problems.Add(condition is null
                    ? $"{label}: {type}=false reason: message:"
                    : $"{label}: {type}=false reason:{condition.Reason} message:{condition.Message}");
            }
        }

        return problems;
    }

    private static NodeCondition Condition(IReadOnlyList<NodeCondition>? previous, DateTimeOffset now, string type, bool value, (string Reason, string Message) text)
    {
        var status = value ? ConditionStatuses.True : ConditionStatuses.False;
        var old = previous?.FirstOrDefault(c => c.Type == type);
        return new NodeCondition
        {
            Type = type,
            Status = status,
            Reason = text.Reason,
            Message = text.Message,
            LastHeartbeatTime = now,
            LastTransitionTime = old is not null && old.Status == status ? old.LastTransitionTime ?? now : now,
        };
    }
}
