using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Scheduler.Cache;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;

namespace FastKube.Scheduler.Plugins;

/// <summary>
/// Filter (whenUnsatisfiable DoNotSchedule): placing the pod must keep matchNum(domain) + self - global
/// minimum ≤ maxSkew, the minimum taken over eligible domains (0 while fewer than minDomains exist).
/// Eligible nodes carry every constraint's key and, by the upstream defaults, match the pod's node
/// affinity (nodeAffinityPolicy Honor) whatever their taints (nodeTaintsPolicy Ignore). Score
/// (ScheduleAnyway): fewer matching pods in the node's domains rank higher, each constraint weighted by
/// log(domains + 2).
/// </summary>
internal sealed partial class PodTopologySpreadPlugin(PodTopologySpreadArgs args) : IFilterPlugin, IScorePlugin
{
    public const string Reason = "node(s) didn't match pod topology spread constraints";
    public const string MissingLabelReason = "node(s) didn't match pod topology spread constraints (missing required label)";
    private const string HostnameKey = "kubernetes.io/hostname";
    private const int SkewTooLarge = 1;
    private const int MissingLabel = 2;

    private readonly PodTopologySpreadArgs _args = args;
    private readonly List<Constraint> _hard = [];
    private readonly List<Constraint> _soft = [];
    private bool[] _ignored = [];

    public string Name => PluginNames.PodTopologySpread;

    public ClusterEvents Events => ClusterEvents.NodeAdd | ClusterEvents.NodeLabelChange | ClusterEvents.NodeTaintChange | ClusterEvents.NodeDelete
        | ClusterEvents.AssignedPodAdd | ClusterEvents.AssignedPodUpdate | ClusterEvents.AssignedPodDelete;

    public bool PreFilter(CycleContext context)
    {
        Collect(context, hard: true, _hard);
        if (_hard.Count == 0)
        {
            return false;
        }

        var cache = context.Cache;
        foreach (var constraint in _hard)
        {
            constraint.Counts = new int[constraint.Domains.Count];
            constraint.Exists = new bool[constraint.Domains.Count];
        }

        foreach (var slot in cache.LiveSlots)
        {
            if (!Eligible(context, _hard, slot))
            {
                continue;
            }

            foreach (var constraint in _hard)
            {
                var domain = constraint.Domains.Of(slot);
                constraint.Exists[domain] = true;
                constraint.Counts[domain] += GroupCounting.OnSlot(constraint.Groups, slot);
            }
        }

        foreach (var constraint in _hard)
        {
            var min = int.MaxValue;
            var domains = 0;
            for (var d = 0; d < constraint.Counts.Length; d++)
            {
                if (constraint.Exists[d])
                {
                    domains++;
                    min = Math.Min(min, constraint.Counts[d]);
                }
            }

            constraint.GlobalMin = domains < constraint.MinDomains ? 0 : min;
        }

        return true;
    }

    public int Filter(CycleContext context, int slot)
    {
        foreach (var constraint in _hard)
        {
            var domain = constraint.Domains.Of(slot);
            if (domain < 0)
            {
                return MissingLabel;
            }

            var skew = (long)constraint.Counts[domain] + constraint.SelfMatch - constraint.GlobalMin;
            if (skew > constraint.MaxSkew)
            {
                return SkewTooLarge;
            }
        }

        return 0;
    }

    public bool IsUnresolvable(int code) => code == MissingLabel;

    public void Explain(CycleContext context, int slot, int code, List<string> reasons) =>
        reasons.Add(code == MissingLabel ? MissingLabelReason : Reason);

    /// <summary>A node counts toward domains when it has every constraint's key and passes the node affinity and taint policies.</summary>
    private static bool Eligible(CycleContext context, List<Constraint> constraints, int slot)
    {
        foreach (var constraint in constraints)
        {
            if (constraint.Domains.Of(slot) < 0
                || (constraint.Affinity is { } affinity && !affinity.Matches(context.Cache, slot))
                || (constraint.HonorTaints && !ToleratesTaints(context, slot)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ToleratesTaints(CycleContext context, int slot)
    {
        foreach (var taint in context.Cache.Taints[slot])
        {
            if (taint.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute && !taint.ToleratedByAny(context.Pod.Spec?.Tolerations))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The pod's constraints of one kind, or the configured defaults (List) when it has none at all.</summary>
    private void Collect(CycleContext context, bool hard, List<Constraint> into)
    {
        into.Clear();
        var want = hard ? "DoNotSchedule" : "ScheduleAnyway";
        var spec = context.Pod.Spec;
        var explicitConstraints = spec?.TopologySpreadConstraints;
        if (explicitConstraints is { Count: > 0 })
        {
            foreach (var c in explicitConstraints.Where(c => c.WhenUnsatisfiable == want))
            {
                var selector = AffinityTerm.MergedSelector(c.LabelSelector, c.MatchLabelKeys, null, context.Labels);
                into.Add(Build(context, c.TopologyKey ?? "", c.MaxSkew ?? 1, c.MinDomains ?? 1, selector,
                    honorAffinity: c.NodeAffinityPolicy != "Ignore", honorTaints: c.NodeTaintsPolicy == "Honor", requireAll: true));
            }

            return;
        }

        if (_args.DefaultingType != PodTopologySpreadArgs.List || context.Labels is not { Count: > 0 } labels)
        {
            return;
        }

        var ownLabels = new FastKube.Api.Meta.LabelSelector { MatchLabels = new Dictionary<string, string>(labels, StringComparer.Ordinal) };
        foreach (var c in _args.DefaultConstraints.Where(c => c.WhenUnsatisfiable == want))
        {
            var selector = Selector.TryFrom(ownLabels, out var s, out _) ? s : Selector.Nothing;
            into.Add(Build(context, c.TopologyKey, c.MaxSkew, 1, selector, honorAffinity: true, honorTaints: false, requireAll: false));
        }
    }

    private static Constraint Build(CycleContext context, string key, int maxSkew, int minDomains, Selector selector, bool honorAffinity, bool honorTaints, bool requireAll)
    {
        var spec = context.Pod.Spec;
        var affinity = honorAffinity ? PodNodeAffinity.For(spec, context.Cache) : null;

        return new Constraint
        {
            Key = key,
            MaxSkew = maxSkew,
            MinDomains = minDomains,
            Domains = context.Cache.Domains(key),
            Groups = GroupCounting.Matching(context.Cache, [context.Namespace], selector),
            SelfMatch = selector.Matches(context.Labels) ? 1 : 0,
            Affinity = affinity,
            HonorTaints = honorTaints,
            RequireAll = requireAll,
        };
    }

    private sealed class Constraint
    {
        public string Key { get; init; } = "";

        public int MaxSkew { get; init; }

        public int MinDomains { get; init; }

        public DomainIndex Domains { get; init; } = null!;

        public List<PodGroup> Groups { get; init; } = [];

        public int SelfMatch { get; init; }

        public PodNodeAffinity? Affinity { get; init; }

        public bool HonorTaints { get; init; }

        public bool RequireAll { get; init; }

        public int[] Counts { get; set; } = [];

        public bool[] Exists { get; set; } = [];

        public int GlobalMin { get; set; }

        public double Weight { get; set; }
    }
}
