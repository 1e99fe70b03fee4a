using FastKube.Api.Core;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>
/// Filter: each of the incoming pod's required affinity terms must find a matching pod in the node's
/// domain; its required anti-affinity terms must find none; and no existing pod's required anti-affinity
/// may match the incoming pod there. When no pod anywhere matches and the pod matches its own affinity
/// terms, it may land on any node with the keys (the first pod of a group). Score: preferred terms of the pod and of
/// existing pods (and existing pods' required affinity × hardPodAffinityWeight), summed per domain and
/// min-max normalized.
/// </summary>
internal sealed partial class InterPodAffinityPlugin(InterPodAffinityArgs args) : IFilterPlugin, IScorePlugin
{
    public const string ExistingAntiAffinityReason = "node(s) didn't satisfy existing pods anti-affinity rules";
    public const string AffinityReason = "node(s) didn't match pod affinity rules";
    public const string AntiAffinityReason = "node(s) didn't match pod anti-affinity rules";
    private const int ExistingAntiAffinity = 1;
    private const int AntiAffinity = 2;
    private const int Affinity = 3;

    private readonly InterPodAffinityArgs _args = args;
    private readonly List<(DomainIndex Domains, bool[] Blocked)> _existingAnti = [];
    private readonly List<(DomainIndex Domains, bool[] Blocked)> _anti = [];
    private readonly List<(DomainIndex Domains, int[] Counts)> _affinity = [];
    private bool _affinityAnywhere;

    public string Name => PluginNames.InterPodAffinity;

    public ClusterEvents Events => ClusterEvents.NodeAdd | ClusterEvents.NodeLabelChange
        | ClusterEvents.AssignedPodAdd | ClusterEvents.AssignedPodUpdate | ClusterEvents.AssignedPodDelete;

    public bool PreFilter(CycleContext context)
    {
        var cache = context.Cache;
        _existingAnti.Clear();
        _anti.Clear();
        _affinity.Clear();
        _affinityAnywhere = false;
        foreach (var group in cache.Terms(TermKind.RequiredAntiAffinity))
        {
            if (!group.Term.Matches(context.Namespace, context.Labels))
            {
                continue;
            }

            var domains = cache.Domains(group.Term.TopologyKey);
            var counts = new int[domains.Count];
            GroupCounting.AddByDomain(group.Counts, domains, counts, 1);
            _existingAnti.Add((domains, Occupied(counts)));
        }

        var spec = context.Pod.Spec;
        foreach (var term in spec?.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            var compiled = AffinityTerm.Compile(term, context.Namespace, context.Labels, 1);
            var domains = cache.Domains(compiled.TopologyKey);
            var counts = new int[domains.Count];
            GroupCounting.AddByDomain(GroupCounting.Matching(cache, compiled.Namespaces, compiled.Selector), domains, counts);
            _anti.Add((domains, Occupied(counts)));
        }

        var affinityTerms = spec?.Affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (affinityTerms is { Count: > 0 })
        {
            var anyMatch = false;
            var selfMatch = true;
            foreach (var term in affinityTerms)
            {
                var compiled = AffinityTerm.Compile(term, context.Namespace, context.Labels, 1);
                var domains = cache.Domains(compiled.TopologyKey);
                var counts = new int[domains.Count];
                var groups = GroupCounting.Matching(cache, compiled.Namespaces, compiled.Selector);
                GroupCounting.AddByDomain(groups, domains, counts);
                anyMatch |= groups.Exists(g => g.Counts.Total > 0);
                selfMatch &= compiled.Matches(context.Namespace, context.Labels);
                _affinity.Add((domains, counts));
            }

            _affinityAnywhere = !anyMatch && selfMatch;
        }

        return _existingAnti.Count + _anti.Count + _affinity.Count > 0;
    }

    /// <summary>Upstream's order: the pod's affinity (unresolvable), its anti-affinity, then existing pods' anti-affinity.</summary>
    public int Filter(CycleContext context, int slot)
    {
        if (_affinity.Count > 0 && !AffinitySatisfied(slot))
        {
            return Affinity;
        }

        if (Blocked(_anti, slot))
        {
            return AntiAffinity;
        }

        return Blocked(_existingAnti, slot) ? ExistingAntiAffinity : 0;
    }

    private static bool[] Occupied(int[] counts)
    {
        var occupied = new bool[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            occupied[i] = counts[i] > 0;
        }

        return occupied;
    }

    private static bool Blocked(List<(DomainIndex Domains, bool[] Blocked)> terms, int slot)
    {
        foreach (var (domains, blocked) in terms)
        {
            var domain = domains.Of(slot);
            if (domain >= 0 && blocked[domain])
            {
                return true;
            }
        }

        return false;
    }

    private bool AffinitySatisfied(int slot)
    {
        foreach (var (domains, counts) in _affinity)
        {
            var domain = domains.Of(slot);
            if (domain < 0 || counts[domain] == 0)
            {
                return _affinityAnywhere && AllKeysPresent(slot);
            }
        }

        return true;
    }

    public bool IsUnresolvable(int code) => code == Affinity;

    public void Explain(CycleContext context, int slot, int code, List<string> reasons) => reasons.Add(code switch
    {
        ExistingAntiAffinity => ExistingAntiAffinityReason,
        AntiAffinity => AntiAffinityReason,
        _ => AffinityReason,
    });

    /// <summary>Even the first pod of an affinity group needs a node that has the terms' topology keys.</summary>
    private bool AllKeysPresent(int slot)
    {
        foreach (var (domains, _) in _affinity)
        {
            if (domains.Of(slot) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
