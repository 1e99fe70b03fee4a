using FastKube.Api.Labels;
using FastKube.Scheduler.Cache;

namespace FastKube.Scheduler.Plugins;

/// <summary>Counting assigned pods that match a selector, by node slot and by topology domain, through pod groups.</summary>
internal static class GroupCounting
{
    public static List<PodGroup> Matching(ClusterCache cache, HashSet<string>? namespaces, Selector selector)
    {
        var matched = new List<PodGroup>();
        foreach (var group in cache.GroupsIn(namespaces))
        {
            if (selector.Matches(group.Labels))
            {
                matched.Add(group);
            }
        }

        return matched;
    }

    public static int OnSlot(List<PodGroup> groups, int slot)
    {
        var count = 0;
        foreach (var group in groups)
        {
            count += group.Counts[slot];
        }

        return count;
    }

    /// <summary>Adds each group's pods to the count of its node's domain; nodes without the key are skipped.</summary>
    public static void AddByDomain(List<PodGroup> groups, DomainIndex domains, int[] counts)
    {
        foreach (var group in groups)
        {
            AddByDomain(group.Counts, domains, counts, 1);
        }
    }

    public static void AddByDomain(SlotCounts slotCounts, DomainIndex domains, int[] counts, int factor)
    {
        var raw = slotCounts.Raw;
        var bySlot = domains.DomainBySlot;
        var limit = Math.Min(raw.Length, bySlot.Length);
        for (var slot = 0; slot < limit; slot++)
        {
            if (raw[slot] != 0 && bySlot[slot] >= 0)
            {
                counts[bySlot[slot]] += raw[slot] * factor;
            }
        }
    }

    public static void AddByDomain(SlotCounts slotCounts, DomainIndex domains, long[] scores, long weight)
    {
        var raw = slotCounts.Raw;
        var bySlot = domains.DomainBySlot;
        var limit = Math.Min(raw.Length, bySlot.Length);
        for (var slot = 0; slot < limit; slot++)
        {
            if (raw[slot] != 0 && bySlot[slot] >= 0)
            {
                scores[bySlot[slot]] += raw[slot] * weight;
            }
        }
    }
}
