namespace FastKube.Scheduler.Cache;

/// <summary>
/// Every assigned pod with one namespace and one exact label set (typically the replicas of one
/// workload), counted per node slot. Spread and affinity match a selector once per group instead of once
/// per pod, then sum the group's per-slot counts: that turns upstream's O(pods) PreFilter into
/// O(groups + nodes).
/// </summary>
internal sealed class PodGroup(string key, string podNamespace, IReadOnlyDictionary<string, string> labels)
{
    public string Key { get; } = key;

    public string Namespace { get; } = podNamespace;

    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public SlotCounts Counts { get; } = new();
}

/// <summary>
/// The required or preferred affinity / anti-affinity terms that assigned pods carry, grouped by equal
/// term, counted per node slot: "which domains hold a pod whose anti-affinity rejects the incoming pod"
/// becomes one selector match per distinct term plus a scan of its counts.
/// </summary>
internal sealed class TermGroup(string key, TermKind kind, AffinityTerm term)
{
    public string Key { get; } = key;

    public TermKind Kind { get; } = kind;

    public AffinityTerm Term { get; } = term;

    public SlotCounts Counts { get; } = new();
}

internal enum TermKind
{
    RequiredAffinity,
    RequiredAntiAffinity,
    PreferredAffinity,
    PreferredAntiAffinity,
}

/// <summary>Counts per node slot plus their total; slots past the array are zero.</summary>
internal sealed class SlotCounts
{
    private int[] _perSlot = [];

    public int Total { get; private set; }

    public int this[int slot] => (uint)slot < (uint)_perSlot.Length ? _perSlot[slot] : 0;

    /// <summary>The raw array for tight loops; its length may be below the slot count (missing = 0).</summary>
    public int[] Raw => _perSlot;

    public void Add(int slot, int delta)
    {
        if (slot >= _perSlot.Length)
        {
            Array.Resize(ref _perSlot, Math.Max(slot + 1, _perSlot.Length * 2));
        }

        _perSlot[slot] += delta;
        Total += delta;
    }
}
