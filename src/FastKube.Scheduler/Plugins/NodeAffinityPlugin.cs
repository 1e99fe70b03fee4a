using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>
/// Filter: spec.nodeSelector and requiredDuringScheduling node affinity (upstream folds nodeSelector into
/// this plugin). Score: the summed weights of matching preferred terms, scaled so the best node gets 100.
/// </summary>
internal sealed class NodeAffinityPlugin : IFilterPlugin, IScorePlugin
{
    public const string Reason = "node(s) didn't match Pod's node affinity/selector";

    private PodNodeAffinity? _required;
    private NodeSelectorMatcher? _preferred;
    private int[] _weights = [];

    public string Name => PluginNames.NodeAffinity;

    public ClusterEvents Events => ClusterEvents.NodeAdd | ClusterEvents.NodeLabelChange;

    public bool PreFilter(CycleContext context)
    {
        _required = PodNodeAffinity.For(context.Pod.Spec, context.Cache);
        return _required is not null;
    }

    public int Filter(CycleContext context, int slot) => _required!.Matches(context.Cache, slot) ? 0 : 1;

    public bool IsUnresolvable(int code) => true;

    public void Explain(CycleContext context, int slot, int code, List<string> reasons) => reasons.Add(Reason);

    public bool PreScore(CycleContext context)
    {
        var preferred = context.Pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (preferred is not { Count: > 0 })
        {
            return false;
        }

        _preferred = NodeSelectorMatcher.FromTerms(preferred.Select(p => p.Preference), context.Cache);
        _weights = [.. preferred.Select(p => p.Weight ?? 0)];
        return true;
    }

    public long Score(CycleContext context, int slot)
    {
        long score = 0;
        for (var i = 0; i < _weights.Length; i++)
        {
            if (_weights[i] != 0 && _preferred!.TermMatches(i, context.Cache, slot))
            {
                score += _weights[i];
            }
        }

        return score;
    }

    public void Normalize(CycleContext context, Span<long> scores) => ScoreMath.DefaultNormalize(scores, reverse: false);
}
