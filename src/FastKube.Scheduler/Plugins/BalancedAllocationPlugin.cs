using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>
/// NodeResourcesBalancedAllocation: favours nodes whose resource fractions (requested / allocatable after
/// placing the pod, actual requests, capped at 1) are close to each other: score = (1 - standard
/// deviation) × 100. Best-effort pods are skipped, as upstream does since 1.31.
/// </summary>
internal sealed class BalancedAllocationPlugin(BalancedAllocationArgs args) : IScorePlugin
{
    private readonly BalancedAllocationArgs _args = args;
    private (int Column, long Request)[] _resources = [];
    private double[] _fractions = [];

    public string Name => PluginNames.NodeResourcesBalancedAllocation;

    public bool PreScore(CycleContext context)
    {
        var pod = context.Resources;
        _resources = [.. _args.Resources.Select(r => r.Name switch
        {
            ResourceNames.Cpu => (ClusterCache.CpuColumn, pod.MilliCpu),
            ResourceNames.Memory => (ClusterCache.MemoryColumn, pod.Memory),
            ResourceNames.EphemeralStorage => (ClusterCache.EphemeralColumn, pod.EphemeralStorage),
            _ => (context.Cache.ResourceColumn(r.Name), pod.Scalars.FirstOrDefault(s => s.Key == r.Name).Value),
        })];
        _fractions = new double[_resources.Length];
        return _resources.Any(r => r.Request > 0);
    }

    public long Score(CycleContext context, int slot)
    {
        var cache = context.Cache;
        var count = 0;
        foreach (var (column, request) in _resources)
        {
            if (column < 0 || cache.Allocatable[column][slot] == 0 || (column > ClusterCache.EphemeralColumn && request == 0))
            {
                continue;
            }

            var fraction = (double)(cache.Requested[column][slot] + request) / cache.Allocatable[column][slot];
            _fractions[count++] = Math.Min(fraction, 1);
        }

        double deviation;
        if (count == 2)
        {
            deviation = Math.Abs(_fractions[0] - _fractions[1]) / 2;
        }
        else if (count > 2)
        {
            var mean = 0.0;
            for (var i = 0; i < count; i++)
            {
                mean += _fractions[i];
            }

            mean /= count;
            var variance = 0.0;
            for (var i = 0; i < count; i++)
            {
                variance += (_fractions[i] - mean) * (_fractions[i] - mean);
            }

            deviation = Math.Sqrt(variance / count);
        }
        else
        {
            deviation = 0;
        }

        return (long)((1 - deviation) * ScoreMath.MaxNodeScore);
    }

    public void Normalize(CycleContext context, Span<long> scores)
    {
    }
}
