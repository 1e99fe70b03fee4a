using System.Globalization;
using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>
/// Filter: every NoSchedule and NoExecute taint must be tolerated. Score: fewer untolerated
/// PreferNoSchedule taints rank higher (reverse-normalized count), as upstream.
/// </summary>
internal sealed class TaintTolerationPlugin : IFilterPlugin, IScorePlugin
{
    private List<Toleration>? _tolerations;
    private List<Toleration> _preferTolerations = [];

    public string Name => PluginNames.TaintToleration;

    public ClusterEvents Events => ClusterEvents.NodeAdd | ClusterEvents.NodeTaintChange;

    public bool PreFilter(CycleContext context)
    {
        _tolerations = context.Pod.Spec?.Tolerations;
        return true;
    }

    public int Filter(CycleContext context, int slot)
    {
        foreach (var taint in context.Cache.Taints[slot])
        {
            if (taint.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute && !taint.ToleratedByAny(_tolerations))
            {
                return 1;
            }
        }

        return 0;
    }

    public bool IsUnresolvable(int code) => true;

    public void Explain(CycleContext context, int slot, int code, List<string> reasons)
    {
        var taint = context.Cache.Taints[slot].First(t => t.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute && !t.ToleratedByAny(_tolerations));
        reasons.Add(string.Create(CultureInfo.InvariantCulture, $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}"));
    }

    public bool PreScore(CycleContext context)
    {
        _preferTolerations = [.. (context.Pod.Spec?.Tolerations ?? []).Where(t => string.IsNullOrEmpty(t.Effect) || t.Effect == TaintEffects.PreferNoSchedule)];
        return true;
    }

    public long Score(CycleContext context, int slot)
    {
        long count = 0;
        foreach (var taint in context.Cache.Taints[slot])
        {
            if (taint.Effect == TaintEffect.PreferNoSchedule && !taint.ToleratedByAny(_preferTolerations))
            {
                count++;
            }
        }

        return count;
    }

    public void Normalize(CycleContext context, Span<long> scores) => ScoreMath.DefaultNormalize(scores, reverse: true);
}
