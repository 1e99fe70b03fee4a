using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>A pod that names a node (spec.nodeName) fits only there.</summary>
internal sealed class NodeNamePlugin : IFilterPlugin
{
    public const string Reason = "node(s) didn't match the requested node name";

    private string _nodeName = "";

    public string Name => PluginNames.NodeName;

    public ClusterEvents Events => ClusterEvents.NodeAdd;

    public bool PreFilter(CycleContext context)
    {
        _nodeName = context.Pod.Spec?.NodeName ?? "";
        return _nodeName.Length > 0;
    }

    public int Filter(CycleContext context, int slot) => context.Cache.Names[slot] == _nodeName ? 0 : 1;

    public bool IsUnresolvable(int code) => true;

    public void Explain(CycleContext context, int slot, int code, List<string> reasons) => reasons.Add(Reason);
}
