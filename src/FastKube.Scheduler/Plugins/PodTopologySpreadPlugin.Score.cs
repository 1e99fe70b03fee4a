using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>Scoring of ScheduleAnyway constraints (upstream PreScore, Score, NormalizeScore).</summary>
internal sealed partial class PodTopologySpreadPlugin
{
    public bool PreScore(CycleContext context)
    {
        Collect(context, hard: false, _soft);
        if (_soft.Count == 0)
        {
            return false;
        }

        var cache = context.Cache;
        if (_ignored.Length < cache.SlotCapacity)
        {
            _ignored = new bool[cache.SlotCapacity];
        }

        var requireAll = _soft[0].RequireAll;
        var sizes = new int[_soft.Count];
        foreach (var constraint in _soft)
        {
            constraint.Counts = new int[constraint.Domains.Count];
            constraint.Exists = new bool[constraint.Domains.Count];
        }

        // Domains present among the feasible nodes; hostname domains are the feasible nodes themselves.
        foreach (var slot in context.Feasible)
        {
            var ignored = requireAll && _soft.Exists(c => c.Domains.Of(slot) < 0);
            _ignored[slot] = ignored;
            if (ignored)
            {
                continue;
            }

            for (var i = 0; i < _soft.Count; i++)
            {
                var domain = _soft[i].Domains.Of(slot);
                if (domain >= 0 && (_soft[i].Key == HostnameKey || !_soft[i].Exists[domain]))
                {
                    _soft[i].Exists[domain] = true;
                    sizes[i]++;
                }
            }
        }

        // Matching pods counted over every eligible node of those domains.
        foreach (var slot in cache.LiveSlots)
        {
            if (requireAll ? !Eligible(context, _soft, slot) : !EligibleAny(context, slot))
            {
                continue;
            }

            foreach (var constraint in _soft)
            {
                var domain = constraint.Domains.Of(slot);
                if (domain >= 0 && constraint.Exists[domain])
                {
                    constraint.Counts[domain] += GroupCounting.OnSlot(constraint.Groups, slot);
                }
            }
        }

        for (var i = 0; i < _soft.Count; i++)
        {
            _soft[i].Weight = Math.Log(sizes[i] + 2);
        }

        return true;
    }

    public long Score(CycleContext context, int slot)
    {
        if (_ignored[slot])
        {
            return 0;
        }

        double score = 0;
        foreach (var constraint in _soft)
        {
            var domain = constraint.Domains.Of(slot);
            if (domain >= 0)
            {
                score += (constraint.Counts[domain] * constraint.Weight) + constraint.MaxSkew - 1;
            }
        }

        return (long)Math.Round(score, MidpointRounding.AwayFromZero);
    }

    /// <summary>Upstream: 100 × (max + min − score) / max over the non-ignored nodes; ignored nodes score 0.</summary>
    public void Normalize(CycleContext context, Span<long> scores)
    {
        var min = long.MaxValue;
        long max = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (_ignored[context.Feasible[i]])
            {
                continue;
            }

            min = Math.Min(min, scores[i]);
            max = Math.Max(max, scores[i]);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (_ignored[context.Feasible[i]])
            {
                scores[i] = 0;
            }
            else
            {
                scores[i] = max == 0 ? ScoreMath.MaxNodeScore : ScoreMath.MaxNodeScore * (max + min - scores[i]) / max;
            }
        }
    }

    private bool EligibleAny(CycleContext context, int slot)
    {
        foreach (var constraint in _soft)
        {
            if (constraint.Affinity is { } affinity && !affinity.Matches(context.Cache, slot))
            {
                return false;
            }
        }

        return true;
    }
}
