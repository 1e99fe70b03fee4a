using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Tests.Plugins;

/// <summary>A cache with nodes and assigned pods, and a cycle context for one pod: drives plugins directly.</summary>
internal sealed class PluginHarness
{
    public ClusterCache Cache { get; } = new();

    public CycleContext Context { get; }

    public PluginHarness(params Node[] nodes)
    {
        foreach (var node in nodes)
        {
            Cache.UpsertNode(node);
        }

        Context = new CycleContext(Cache);
    }

    public PluginHarness With(Pod assigned)
    {
        Cache.AddPod(assigned, assigned.Spec!.NodeName!, PodResources.For(assigned.Spec), assigned.Spec.Priority ?? 0, assumed: false);
        return this;
    }

    public int Slot(string node) => Cache.TryGetSlot(node, out var slot) ? slot : throw new ArgumentException(node);

    public CycleContext For(Pod pod)
    {
        Context.Reset(pod, PodResources.For(pod.Spec), pod.Spec?.Priority ?? 0);
        return Context;
    }

    /// <summary>Filter outcome per node, with upstream's reasons ("" when it fits); a skipped plugin fits everywhere.</summary>
    public Dictionary<string, string> Filter(IFilterPlugin plugin, Pod pod)
    {
        var context = For(pod);
        var active = plugin.PreFilter(context);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var slot in Cache.LiveSlots)
        {
            var code = active ? plugin.Filter(context, slot) : 0;
            var reasons = new List<string>();
            if (code != 0)
            {
                plugin.Explain(context, slot, code, reasons);
            }

            result[Cache.Names[slot]] = string.Join("; ", reasons);
        }

        return result;
    }

    /// <summary>Normalized scores of every node as the feasible set, by node name (0 everywhere when the plugin skips).</summary>
    public Dictionary<string, long> Score(IScorePlugin plugin, Pod pod)
    {
        var context = For(pod);
        context.Feasible.AddRange(Cache.LiveSlots.ToArray());
        var scores = new long[context.Feasible.Count];
        if (plugin.PreScore(context))
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = plugin.Score(context, context.Feasible[i]);
            }

            plugin.Normalize(context, scores);
        }

        return context.Feasible.Select((slot, i) => (Cache.Names[slot], scores[i])).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }
}
