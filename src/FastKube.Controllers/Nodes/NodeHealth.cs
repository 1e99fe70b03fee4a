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

        var readyStatus = conditions.FirstOrDefault(c => c.Type == NodeConditionTypes.Ready)?.Status;
        var wanted = readyStatus switch
        {
            ConditionStatuses.True => null,
            ConditionStatuses.False => Tolerations.NotReadyTaint,
            _ => Tolerations.UnreachableTaint,
        };
        var taints = (copy.Spec ??= new NodeSpec()).Taints ??= [];
        changed |= taints.RemoveAll(t => t.Key is Tolerations.NotReadyTaint or Tolerations.UnreachableTaint && t.Key != wanted) > 0;
        if (wanted is not null)
        {
            foreach (var effect in new[] { TaintEffects.NoSchedule, TaintEffects.NoExecute })
            {
                if (!taints.Any(t => t.Key == wanted && t.Effect == effect))
                {
                    taints.Add(new Taint { Key = wanted, Effect = effect, TimeAdded = effect == TaintEffects.NoExecute ? now : null });
                    changed = true;
                }
            }
        }

        if (taints.Count == 0)
        {
            copy.Spec.Taints = node.Spec?.Taints is null ? null : [];
        }

        return changed ? copy : null;
    }
}
