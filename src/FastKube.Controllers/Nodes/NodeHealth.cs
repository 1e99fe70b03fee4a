using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.Nodes;

/// <summary>
/// The node lifecycle controller's view of one node, as upstream's: a node whose kubelet has not renewed
/// its Lease (nor posted status) within nodeMonitorGracePeriod gets every condition set to Unknown and the
/// <c>node.kubernetes.io/unreachable</c> NoSchedule and NoExecute taints; a node reporting Ready=False gets
/// the <c>not-ready</c> pair; a Ready node gets neither. Returns the node to write, or null when nothing changes.
/// </summary>
internal static class NodeHealth
{
    /// <summary>Upstream's --node-monitor-grace-period default since 1.32 (40 s before).</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(50);

    private static readonly HashSet<string> Managed = new(StringComparer.Ordinal)
    {
        Tolerations.NotReadyTaint, Tolerations.UnreachableTaint, MemoryPressureTaint, DiskPressureTaint, PidPressureTaint, NetworkUnavailableTaint, UnschedulableTaint,
    };

    public const string MemoryPressureTaint = "node.kubernetes.io/memory-pressure";
    public const string DiskPressureTaint = "node.kubernetes.io/disk-pressure";
    public const string PidPressureTaint = "node.kubernetes.io/pid-pressure";
    public const string NetworkUnavailableTaint = "node.kubernetes.io/network-unavailable";
    public const string UnschedulableTaint = "node.kubernetes.io/unschedulable";

    private static readonly string[] Monitored = [NodeConditionTypes.Ready, NodeConditionTypes.MemoryPressure, NodeConditionTypes.DiskPressure, NodeConditionTypes.PIDPressure];

    /// <summary>The node's latest sign of life: its Lease renewal, its Ready heartbeat, or its creation.</summary>
    public static DateTimeOffset? LastHeartbeat(Node node, DateTimeOffset? leaseRenewed) =>
        new[] { leaseRenewed, node.Status?.Conditions?.FirstOrDefault(c => c.Type == NodeConditionTypes.Ready)?.LastHeartbeatTime, node.Metadata?.CreationTimestamp }.Max();

    public static Node? Reconcile(Node node, DateTimeOffset? leaseRenewed, DateTimeOffset now, TimeSpan gracePeriod)
    {
        var copy = Objects.Copy(node);
        var status = copy.Status ??= new NodeStatus();
        var conditions = status.Conditions ??= [];
        var changed = false;
        var heartbeat = LastHeartbeat(node, leaseRenewed);
        var silent = heartbeat is null || now - heartbeat > gracePeriod;
        if (silent)
        {
            foreach (var type in Monitored)
            {
                var condition = conditions.FirstOrDefault(c => c.Type == type);
                if (condition is null)
                {
                    conditions.Add(new NodeCondition { Type = type, Status = ConditionStatuses.Unknown, Reason = "NodeStatusNeverUpdated", Message = "Kubelet never posted node status.", LastHeartbeatTime = now, LastTransitionTime = now });
                    changed = true;
                }
                else if (condition.Status != ConditionStatuses.Unknown)
                {
                    condition.Status = ConditionStatuses.Unknown;
                    condition.Reason = "NodeStatusUnknown";
                    condition.Message = "Kubelet stopped posting node status.";
                    condition.LastTransitionTime = now;
                    changed = true;
                }
            }
        }

        var wanted = WantedTaints(copy);
        var taints = (copy.Spec ??= new NodeSpec()).Taints ??= [];
        changed |= taints.RemoveAll(t => Managed.Contains(t.Key ?? "") && !wanted.Contains((t.Key!, t.Effect ?? ""))) > 0;
        foreach (var (key, effect) in wanted)
        {
            if (!taints.Any(t => t.Key == key && t.Effect == effect))
            {
                taints.Add(new Taint { Key = key, Effect = effect, TimeAdded = effect == TaintEffects.NoExecute ? now : null });
                changed = true;
            }
        }

        if (taints.Count == 0)
        {
            copy.Spec.Taints = node.Spec?.Taints is null ? null : [];
        }

        return changed ? copy : null;
    }

    // Upstream's NoExecute pass (Ready False or Unknown) and NoSchedule pass (taint nodes by condition, and
    // spec.unschedulable). A node that never reported a Ready condition gets none until it goes silent.
    private static List<(string Key, string Effect)> WantedTaints(Node node)
    {
        var wanted = new List<(string, string)>();
        var conditions = node.Status?.Conditions ?? [];
        string? Status(string type) => conditions.FirstOrDefault(c => c.Type == type)?.Status;
        var ready = Status(NodeConditionTypes.Ready) switch
        {
            ConditionStatuses.False => Tolerations.NotReadyTaint,
            ConditionStatuses.Unknown => Tolerations.UnreachableTaint,
            _ => null,
        };
        if (ready is not null)
        {
            wanted.Add((ready, TaintEffects.NoSchedule));
            wanted.Add((ready, TaintEffects.NoExecute));
        }

        foreach (var (type, taint) in new[] { (NodeConditionTypes.MemoryPressure, MemoryPressureTaint), (NodeConditionTypes.DiskPressure, DiskPressureTaint), (NodeConditionTypes.PIDPressure, PidPressureTaint), (NodeConditionTypes.NetworkUnavailable, NetworkUnavailableTaint) })
        {
            if (Status(type) == ConditionStatuses.True)
            {
                wanted.Add((taint, TaintEffects.NoSchedule));
            }
        }

        if (node.Spec?.Unschedulable == true)
        {
            wanted.Add((UnschedulableTaint, TaintEffects.NoSchedule));
        }

        return wanted;
    }
}
