using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Preemption;

/// <summary>
/// PostFilter DefaultPreemption: when nothing fits, find nodes where evicting lower-priority pods makes
/// the pod fit. Per candidate node (those not rejected as unresolvable): remove every lower-priority
/// pod, check the pod fits, then give victims back while it still fits: first those whose eviction would
/// violate a PodDisruptionBudget, then the rest, each most important first (higher priority, then earlier
/// start), as upstream's selectVictimsOnNode. The node chosen (upstream's pickOneNodeForPreemption) has the
/// fewest budget violations, then the lowest highest-victim priority, then the lowest priority sum, then the
/// fewest victims, then the latest start among its highest-priority victims. The cache is restored before
/// returning; the victims are deleted by the host.
/// </summary>
internal sealed class DefaultPreemption(DefaultPreemptionArgs args)
{
    public const string NotHelpful = "Preemption is not helpful for scheduling";
    public const string NoVictims = "No preemption victims found for incoming pod";

    private readonly DefaultPreemptionArgs _args = args;

    public PreemptionResult Preempt(CycleContext context, Profile profile, Diagnosis diagnosis, DisruptionBudgets budgets)
    {
        if (context.Pod.Spec?.PreemptionPolicy == "Never")
        {
            return new PreemptionResult(null, [], "preemption: not eligible due to preemptionPolicy=Never.");
        }

        var cache = context.Cache;
        var histogram = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<(int Slot, List<PodRecord> Victims, int Violations)>();
        var wanted = Math.Max(_args.MinCandidateNodesAbsolute, diagnosis.NodeCount * _args.MinCandidateNodesPercentage / 100);
        foreach (var rejection in diagnosis.Rejections)
        {
            if (diagnosis.IsUnresolvable(rejection))
            {
                histogram[NotHelpful] = histogram.GetValueOrDefault(NotHelpful) + 1;
                continue;
            }

            if (candidates.Count < wanted && SelectVictims(context, profile, budgets, rejection.Slot) is { } selected)
            {
                candidates.Add((rejection.Slot, selected.Victims, selected.Violations));
            }
            else
            {
                histogram[NoVictims] = histogram.GetValueOrDefault(NoVictims) + 1;
            }
        }

        // Restore the plugins' state for the pod on the unmodified cache.
        profile.PreFilter(context);
        if (candidates.Count == 0)
        {
            return new PreemptionResult(null, [], "preemption: " + Diagnosis.NodesAvailable(diagnosis.NodeCount, histogram));
        }

        var best = candidates
            .OrderBy(c => c.Violations)
            .ThenBy(c => c.Victims.Max(v => v.Priority))
            .ThenBy(c => c.Victims.Sum(v => (long)v.Priority))
            .ThenBy(c => c.Victims.Count)
            .ThenByDescending(c => EarliestStartOfHighestPriority(c.Victims))
            .First();
        return new PreemptionResult(cache.Names[best.Slot], [.. best.Victims.Select(v => v.Pod)], null);
    }

    /// <summary>
    /// The minimal set of lower-priority pods to evict from <paramref name="slot"/> and how many of them violate
    /// a budget, or null when even evicting all does not help.
    /// </summary>
    private static (List<PodRecord> Victims, int Violations)? SelectVictims(CycleContext context, Profile profile, DisruptionBudgets budgets, int slot)
    {
        var cache = context.Cache;
        // Most important first: higher priority, then the longer-running.
        var potential = cache.PodsOn[slot].Where(p => p.Priority < context.Priority)
            .OrderByDescending(p => p.Priority).ThenBy(StartTime).ToList();
        if (potential.Count == 0)
        {
            return null;
        }

        foreach (var victim in potential)
        {
            cache.RemovePod(victim.Key);
        }

        var victims = new List<PodRecord>();
        try
        {
            if (!Fits(context, profile, slot))
            {
                victims.AddRange(potential);
                return null;
            }

            var (violating, nonViolating) = budgets.IsEmpty ? (new List<PodRecord>(), potential) : budgets.Split(potential);
            var violations = 0;
            foreach (var pod in violating.Concat(nonViolating))
            {
                Restore(cache, pod);
                if (!Fits(context, profile, slot))
                {
                    cache.RemovePod(pod.Key);
                    victims.Add(pod);
                    violations += violating.Contains(pod) ? 1 : 0;
                }
            }

            return (victims, violations);
        }
        finally
        {
            foreach (var victim in victims)
            {
                Restore(cache, victim);
            }
        }
    }

    /// <summary>A pod not started yet (assumed, or bound without a kubelet) counts as starting now: the latest, as upstream's GetPodStartTime.</summary>
    private static DateTimeOffset StartTime(PodRecord record) => record.Pod.Status?.StartTime ?? DateTimeOffset.MaxValue;

    private static DateTimeOffset EarliestStartOfHighestPriority(List<PodRecord> victims)
    {
        var highest = victims.Max(v => v.Priority);
        return victims.Where(v => v.Priority == highest).Min(StartTime);
    }

    private static bool Fits(CycleContext context, Profile profile, int slot)
    {
        var active = profile.PreFilter(context);
        return Profile.RunFilters(active, context, slot).Plugin < 0;
    }

    private static void Restore(ClusterCache cache, PodRecord record) =>
        cache.AddPod(record.Pod, cache.Names[record.Slot], record.Resources, record.Priority, record.Assumed);
}

/// <summary>The node the preemptor is nominated to and the pods to evict; or the failure message.</summary>
internal sealed record PreemptionResult(string? NominatedNode, IReadOnlyList<FastKube.Api.Core.Pod> Victims, string? FailureMessage);
