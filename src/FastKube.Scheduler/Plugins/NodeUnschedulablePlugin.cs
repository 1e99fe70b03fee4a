using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>Rejects cordoned nodes (spec.unschedulable) unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule.</summary>
internal sealed class NodeUnschedulablePlugin : IFilterPlugin
{
    public const string Reason = "node(s) were unschedulable";

    private static readonly CompiledTaint UnschedulableTaint = new("node.kubernetes.io/unschedulable", "", TaintEffect.NoSchedule);
    private bool _tolerates;

    public string Name => PluginNames.NodeUnschedulable;

    public ClusterEvents Events => ClusterEvents.NodeAdd | ClusterEvents.NodeSpecUnschedulableChange;

    public bool PreFilter(CycleContext context)
    {
        _tolerates = UnschedulableTaint.ToleratedByAny(context.Pod.Spec?.Tolerations);
        return !_tolerates;
    }

    public int Filter(CycleContext context, int slot) => context.Cache.Unschedulable[slot] ? 1 : 0;

    public bool IsUnresolvable(int code) => true;

    public void Explain(CycleContext context, int slot, int code, List<string> reasons) => reasons.Add(Reason);
}
