using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>Host ports the pod asks for must be free on the node (same protocol and port, overlapping IP).</summary>
internal sealed class NodePortsPlugin : IFilterPlugin
{
    public const string Reason = "node(s) didn't have free ports for the requested pod ports";

    private HostPort[] _wanted = [];

    public string Name => PluginNames.NodePorts;

    public ClusterEvents Events => ClusterEvents.NodeAdd | ClusterEvents.AssignedPodDelete;

    public bool PreFilter(CycleContext context)
    {
        _wanted = HostPort.Of(context.Pod.Spec);
        return _wanted.Length > 0;
    }

    public int Filter(CycleContext context, int slot)
    {
        var used = context.Cache.Ports[slot];
        if (used is null)
        {
            return 0;
        }

        foreach (var want in _wanted)
        {
            foreach (var port in used)
            {
                if (want.ConflictsWith(port))
                {
                    return 1;
                }
            }
        }

        return 0;
    }

    public bool IsUnresolvable(int code) => false;

    public void Explain(CycleContext context, int slot, int code, List<string> reasons) => reasons.Add(Reason);
}
