using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Preemption;

/// <summary>
/// PostFilter DefaultPreemption: when nothing fits, find nodes where evicting lower-priority pods makes
/// the pod fit. Per candidate node (those not rejected as unresolvable): remove every lower-priority
/// pod, check the pod fits, then give victims back highest priority first while it still fits. The node
/// chosen has the lowest highest-victim priority, then the lowest priority sum, then the fewest victims
/// (upstream's pickOneNodeForPreemption order without PodDisruptionBudgets: this scheduler does not
/// watch them yet). The cache is restored before returning; the victims are deleted by the host.
/// </summary>
internal sealed class DefaultPreemption(DefaultPreemptionArgs args)
{
    public const string NotHelpful = "Preemption is not helpful for scheduling";
    public const string NoVictims = "No preemption victims found for incoming pod";

    private readonly DefaultPreemptionArgs _args = args;

    public PreemptionResult Preempt(CycleContext context, Profile profile, Diagnosis diagnosis)
    {
        if (context.Pod.Spec?.PreemptionPolicy == "Never")
        {
            return new PreemptionResult(null, [], "preemption: not eligible due to preemptionPolicy=Never.");
        }

        var cache = context.Cache;
        var histogram = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<(int Slot, List<PodRecord> Victims)>();
        var wanted = Math.Max(_args.MinCandidateNodesAbsolute, diagnosis.NodeCount * _args.MinCandidateNodesPercentage / 100);
        foreach (var rejection in diagnosis.Rejections)
        {
            if (diagnosis.IsUnresolvable(rejection))
            {
                histogram[NotHelpful] = histogram.GetValueOrDefault(NotHelpful) + 1;
                continue;
            }

            if (candidates.Count < wanted && SelectVictims(context, profile, rejection.Slot) is { } victims)
            {
                candidates.Add((rejection.Slot, victims));
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
            .OrderBy(c => c.Victims.Max(v => v.Priority))
            .ThenBy(c => c.Victims.Sum(v => (long)v.Priority))
            .ThenBy(c => c.Victims.Count)
            .First();
        return new PreemptionResult(cache.Names[best.Slot], [.. best.Victims.Select(v => v.Pod)], null);
    }

    /// <summary>The minimal set of lower-priority pods to evict from <paramref name="slot"/>, or null when even evicting all does not help.</summary>
    private static List<PodRecord>? SelectVictims(CycleContext context, Profile profile, int slot)
    {
        var cache = context.Cache;
        var potential = cache.PodsOn[slot].Where(p => p.Priority < context.Priority).ToList();
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

            // Reprieve the most important pods first: higher priority, then the longer-running.
            foreach (var pod in potential.OrderByDescending(p => p.Priority).ThenBy(p => p.Pod.Status?.StartTime ?? DateTimeOffset.MaxValue))
            {
                Restore(cache, pod);
                if (!Fits(context, profile, slot))
                {
                    cache.RemovePod(pod.Key);
                    victims.Add(pod);
                }
            }

            return victims;
        }
        finally
        {
            foreach (var victim in victims)
            {
                Restore(cache, victim);
            }
        }
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
