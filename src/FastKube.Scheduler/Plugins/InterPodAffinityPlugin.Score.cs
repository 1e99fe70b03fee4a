using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>Scoring of preferred inter-pod affinity (upstream PreScore, Score, NormalizeScore).</summary>
internal sealed partial class InterPodAffinityPlugin
{
    private readonly Dictionary<string, (DomainIndex Domains, long[] Scores)> _topologyScores = new(StringComparer.Ordinal);

    public bool PreScore(CycleContext context)
    {
        _topologyScores.Clear();
        var cache = context.Cache;
        var affinity = context.Pod.Spec?.Affinity;
        foreach (var weighted in affinity?.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            AddIncoming(context, weighted, +1);
        }

        foreach (var weighted in affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            AddIncoming(context, weighted, -1);
        }

        if (_args.HardPodAffinityWeight > 0)
        {
            AddExisting(context, cache.Terms(TermKind.RequiredAffinity), _args.HardPodAffinityWeight);
        }

        if (!_args.IgnorePreferredTermsOfExistingPods)
        {
            AddExisting(context, cache.Terms(TermKind.PreferredAffinity), +1);
            AddExisting(context, cache.Terms(TermKind.PreferredAntiAffinity), -1);
        }

        return _topologyScores.Count > 0;
    }

    public long Score(CycleContext context, int slot)
    {
        long score = 0;
        foreach (var (domains, scores) in _topologyScores.Values)
        {
            var domain = domains.Of(slot);
            if (domain >= 0)
            {
                score += scores[domain];
            }
        }

        return score;
    }

    public void Normalize(CycleContext context, Span<long> scores)
    {
        var min = long.MaxValue;
        var max = long.MinValue;
        foreach (var score in scores)
        {
            min = Math.Min(min, score);
            max = Math.Max(max, score);
        }

        var spread = max - min;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = spread > 0 ? (long)(ScoreMath.MaxNodeScore * ((double)(scores[i] - min) / spread)) : 0;
        }
    }

    private void AddIncoming(CycleContext context, WeightedPodAffinityTerm weighted, int sign)
    {
        if (weighted.PodAffinityTerm is not { } term || weighted.Weight is not (> 0 and var weight))
        {
            return;
        }

        var compiled = AffinityTerm.Compile(term, context.Namespace, context.Labels, weight);
        var scores = ScoresFor(context.Cache, compiled.TopologyKey);
        foreach (var group in GroupCounting.Matching(context.Cache, compiled.Namespaces, compiled.Selector))
        {
            GroupCounting.AddByDomain(group.Counts, scores.Domains, scores.Scores, sign * (long)weight);
        }
    }

    /// <summary>Existing pods' terms that match the incoming pod add their weight (× their pod count) to their own domain.</summary>
    private void AddExisting(CycleContext context, List<TermGroup> groups, int factor)
    {
        foreach (var group in groups)
        {
            if (group.Term.Weight == 0 || !group.Term.Matches(context.Namespace, context.Labels))
            {
                continue;
            }

            var scores = ScoresFor(context.Cache, group.Term.TopologyKey);
            var weight = group.Kind == TermKind.RequiredAffinity ? factor : factor * (long)group.Term.Weight;
            GroupCounting.AddByDomain(group.Counts, scores.Domains, scores.Scores, weight);
        }
    }

    private (DomainIndex Domains, long[] Scores) ScoresFor(ClusterCache cache, string topologyKey)
    {
        if (!_topologyScores.TryGetValue(topologyKey, out var entry))
        {
            var domains = cache.Domains(topologyKey);
            entry = (domains, new long[domains.Count]);
            _topologyScores.Add(topologyKey, entry);
        }

        return entry;
    }
}
