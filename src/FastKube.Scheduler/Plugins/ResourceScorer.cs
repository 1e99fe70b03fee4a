using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>
/// Upstream's resourceAllocationScorer for NodeResourcesFit: per configured resource the node's
/// allocatable and requested-after-placement, resources the node lacks skipped, then the strategy's
/// per-resource score averaged by weight.
/// </summary>
internal sealed class ResourceScorer(ScoringStrategy strategy)
{
    private readonly ScoringStrategy _strategy = strategy;
    private readonly long[] _shapeUtilization = [.. strategy.Shape.Select(p => (long)p.Utilization)];

    // Shape scores are 0-10 in the config; upstream scales them to 0-100 (MaxNodeScore / MaxCustomPriorityScore).
    private readonly long[] _shapeScore = [.. strategy.Shape.Select(p => p.Score * 10L)];
    private (int Column, long Weight, long Request, bool Cpu, bool Memory)[] _resources = [];

    public void Prepare(CycleContext context, bool useNonZero)
    {
        var pod = context.Resources;
        _resources = [.. _strategy.Resources.Select(r => r.Name switch
        {
            ResourceNames.Cpu => (ClusterCache.CpuColumn, r.Weight, useNonZero ? pod.NonZeroMilliCpu : pod.MilliCpu, useNonZero, false),
            ResourceNames.Memory => (ClusterCache.MemoryColumn, r.Weight, useNonZero ? pod.NonZeroMemory : pod.Memory, false, useNonZero),
            ResourceNames.EphemeralStorage => (ClusterCache.EphemeralColumn, r.Weight, pod.EphemeralStorage, false, false),
            _ => (context.Cache.ResourceColumn(r.Name), r.Weight, pod.Scalars.FirstOrDefault(s => s.Key == r.Name).Value, false, false),
        })];
    }

    public long Score(ClusterCache cache, int slot)
    {
        long total = 0;
        long weights = 0;
        foreach (var (column, weight, request, cpu, memory) in _resources)
        {
            if (column < 0)
            {
                continue;
            }

            // Upstream skips an extended resource the pod does not request, so nodes are not ranked by it.
            if (column > ClusterCache.EphemeralColumn && request == 0)
            {
                continue;
            }

            var allocatable = cache.Allocatable[column][slot];
            if (allocatable == 0)
            {
                continue;
            }

            var requested = request + (cpu ? cache.NonZeroMilliCpu[slot] : memory ? cache.NonZeroMemory[slot] : cache.Requested[column][slot]);
            total += ResourceScore(requested, allocatable) * weight;
            weights += weight;
        }

        if (weights == 0)
        {
            return 0;
        }

        return _strategy.Type == ScoringStrategy.RequestedToCapacityRatio
            ? (long)Math.Round((double)total / weights, MidpointRounding.AwayFromZero)
            : total / weights;
    }

    private long ResourceScore(long requested, long capacity)
    {
        switch (_strategy.Type)
        {
            case ScoringStrategy.MostAllocated:
                return Math.Min(requested, capacity) * ScoreMath.MaxNodeScore / capacity;
            case ScoringStrategy.RequestedToCapacityRatio:
                return Shape(requested > capacity ? 100 : requested * 100 / capacity);
            default:
                return requested > capacity ? 0 : (capacity - requested) * ScoreMath.MaxNodeScore / capacity;
        }
    }

    /// <summary>The piecewise-linear shape at <paramref name="utilization"/> (upstream's buildBrokenLinearFunction).</summary>
    private long Shape(long utilization)
    {
        var points = _shapeUtilization;
        if (points.Length == 0)
        {
            return 0;
        }

        for (var i = 0; i < points.Length; i++)
        {
            if (utilization <= points[i])
            {
                if (i == 0)
                {
                    return _shapeScore[0];
                }

                return _shapeScore[i - 1] + ((_shapeScore[i] - _shapeScore[i - 1]) * (utilization - points[i - 1]) / (points[i] - points[i - 1]));
            }
        }

        return _shapeScore[^1];
    }
}
