using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>
/// Filter: the pod's requests fit the node's allocatable minus what counted pods request, per resource,
/// and one more pod fits the pod count. Score: the configured strategy over the configured resources,
/// using the non-zero requests (100m / 200Mi for containers without one), as upstream.
/// </summary>
internal sealed class NodeResourcesFitPlugin(NodeResourcesFitArgs args) : IFilterPlugin, IScorePlugin
{
    private const int TooManyPods = 1;
    private const int Insufficient = 2;

    private readonly NodeResourcesFitArgs _args = args;
    private readonly ResourceScorer _scorer = new(args.ScoringStrategy);
    private (int Column, long Request)[] _scalars = [];
    private bool _checkNominated;
    private string _podKey = "";

    public string Name => PluginNames.NodeResourcesFit;

    public ClusterEvents Events => ClusterEvents.NodeAdd | ClusterEvents.NodeAllocatableChange | ClusterEvents.AssignedPodDelete | ClusterEvents.AssignedPodUpdate;

    public bool PreFilter(CycleContext context)
    {
        _scalars = [.. context.Resources.Scalars
            .Where(s => !Ignored(s.Key))
            .Select(s => (context.Cache.ResourceColumn(s.Key), s.Value))];
        _checkNominated = context.Cache.HasNominations;
        _podKey = PodKeys.Of(context.Pod);
        return true;
    }

    public int Filter(CycleContext context, int slot)
    {
        var cache = context.Cache;
        if (cache.PodCount[slot] + 1 > cache.AllowedPods[slot])
        {
            return TooManyPods;
        }

        var resources = context.Resources;
        if (_checkNominated)
        {
            return FitsWithNominated(context, slot) ? 0 : Insufficient;
        }

        if (resources.MilliCpu > 0 && resources.MilliCpu > cache.Allocatable[ClusterCache.CpuColumn][slot] - cache.Requested[ClusterCache.CpuColumn][slot])
        {
            return Insufficient;
        }

        if (resources.Memory > 0 && resources.Memory > cache.Allocatable[ClusterCache.MemoryColumn][slot] - cache.Requested[ClusterCache.MemoryColumn][slot])
        {
            return Insufficient;
        }

        if (resources.EphemeralStorage > 0 && resources.EphemeralStorage > cache.Allocatable[ClusterCache.EphemeralColumn][slot] - cache.Requested[ClusterCache.EphemeralColumn][slot])
        {
            return Insufficient;
        }

        foreach (var (column, request) in _scalars)
        {
            if (column < 0 || request > cache.Allocatable[column][slot] - cache.Requested[column][slot])
            {
                return Insufficient;
            }
        }

        return 0;
    }

    public bool IsUnresolvable(int code) => false;

    private (long Cpu, long Memory, long Ephemeral) Held(CycleContext context, int slot)
    {
        long cpu = 0, memory = 0, ephemeral = 0;
        foreach (var nominated in context.Cache.NominatedAgainst(slot, context.Priority, _podKey))
        {
            cpu += nominated.MilliCpu;
            memory += nominated.Memory;
            ephemeral += nominated.EphemeralStorage;
        }

        return (cpu, memory, ephemeral);
    }

    /// <summary>The slow path while nominations exist: requests of nominated pods of equal or higher priority count as used.</summary>
    private bool FitsWithNominated(CycleContext context, int slot)
    {
        var cache = context.Cache;
        var resources = context.Resources;
        var (cpu, memory, ephemeral) = Held(context, slot);

        bool Fits(long request, int column, long held) =>
            request <= 0 || request <= cache.Allocatable[column][slot] - cache.Requested[column][slot] - held;

        if (!Fits(resources.MilliCpu, ClusterCache.CpuColumn, cpu) || !Fits(resources.Memory, ClusterCache.MemoryColumn, memory)
            || !Fits(resources.EphemeralStorage, ClusterCache.EphemeralColumn, ephemeral))
        {
            return false;
        }

        foreach (var (column, request) in _scalars)
        {
            if (column < 0 || request > cache.Allocatable[column][slot] - cache.Requested[column][slot])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every shortfall, in upstream's order: pods, cpu, memory, ephemeral-storage, then extended resources.</summary>
    public void Explain(CycleContext context, int slot, int code, List<string> reasons)
    {
        var cache = context.Cache;
        var resources = context.Resources;
        if (cache.PodCount[slot] + 1 > cache.AllowedPods[slot])
        {
            reasons.Add("Too many pods");
        }

        void Check(string name, long request, int column, long held)
        {
            if (request > 0 && (column < 0 || request > cache.Allocatable[column][slot] - cache.Requested[column][slot] - held))
            {
                reasons.Add("Insufficient " + name);
            }
        }

        var (cpu, memory, ephemeral) = _checkNominated ? Held(context, slot) : default;
        Check(ResourceNames.Cpu, resources.MilliCpu, ClusterCache.CpuColumn, cpu);
        Check(ResourceNames.Memory, resources.Memory, ClusterCache.MemoryColumn, memory);
        Check(ResourceNames.EphemeralStorage, resources.EphemeralStorage, ClusterCache.EphemeralColumn, ephemeral);
        foreach (var (name, request) in resources.Scalars)
        {
            if (!Ignored(name))
            {
                Check(name, request, cache.ResourceColumn(name), 0);
            }
        }
    }

    public bool PreScore(CycleContext context)
    {
        _scorer.Prepare(context, useNonZero: true);
        return true;
    }

    public long Score(CycleContext context, int slot) => _scorer.Score(context.Cache, slot);

    public void Normalize(CycleContext context, Span<long> scores)
    {
    }

    private bool Ignored(string resource)
    {
        if (_args.IgnoredResources.Contains(resource))
        {
            return true;
        }

        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && _args.IgnoredResourceGroups.Contains(resource[..slash]);
    }
}
