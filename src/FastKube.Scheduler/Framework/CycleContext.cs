using FastKube.Api.Core;
using FastKube.Scheduler.Cache;

namespace FastKube.Scheduler.Framework;

/// <summary>The pod being scheduled and the facts every plugin needs about it, computed once per cycle.</summary>
internal sealed class CycleContext(ClusterCache cache)
{
    public ClusterCache Cache { get; } = cache;

    public Pod Pod { get; private set; } = new();

    public string Namespace { get; private set; } = "";

    public IReadOnlyDictionary<string, string>? Labels { get; private set; }

    public PodResources Resources { get; private set; } = PodResources.Empty;

    public int Priority { get; private set; }

    /// <summary>The feasible slots of this cycle (filled before scoring).</summary>
    public List<int> Feasible { get; } = [];

    public void Reset(Pod pod, PodResources resources, int priority)
    {
        Pod = pod;
        Namespace = PodKeys.Namespace(pod);
        Labels = pod.Metadata?.Labels;
        Resources = resources;
        Priority = priority;
        Feasible.Clear();
    }
}
