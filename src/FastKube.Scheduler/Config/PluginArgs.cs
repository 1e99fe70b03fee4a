namespace FastKube.Scheduler.Config;

/// <summary>A resource and its weight in a scoring strategy (upstream ResourceSpec).</summary>
public sealed record ResourceSpec(string Name, long Weight);

/// <summary>One point of RequestedToCapacityRatio's utilization → score function (utilization 0-100, score 0-10).</summary>
public sealed record UtilizationShapePoint(int Utilization, int Score);

/// <summary>NodeResourcesFit's scoring strategy; defaults: LeastAllocated over cpu and memory, weight 1 each.</summary>
public sealed record ScoringStrategy
{
    public const string LeastAllocated = "LeastAllocated";
    public const string MostAllocated = "MostAllocated";
    public const string RequestedToCapacityRatio = "RequestedToCapacityRatio";

    public string Type { get; init; } = LeastAllocated;

    public IReadOnlyList<ResourceSpec> Resources { get; init; } = DefaultResources;

    /// <summary>Only for RequestedToCapacityRatio: the shape, ascending utilization.</summary>
    public IReadOnlyList<UtilizationShapePoint> Shape { get; init; } = [];

    public static IReadOnlyList<ResourceSpec> DefaultResources { get; } = [new("cpu", 1), new("memory", 1)];
}

/// <summary>NodeResourcesFitArgs (kubescheduler.config.k8s.io/v1).</summary>
public sealed record NodeResourcesFitArgs
{
    /// <summary>Extended resources the filter ignores.</summary>
    public IReadOnlyList<string> IgnoredResources { get; init; } = [];

    /// <summary>Extended resource groups (the prefix before '/') the filter ignores.</summary>
    public IReadOnlyList<string> IgnoredResourceGroups { get; init; } = [];

    public ScoringStrategy ScoringStrategy { get; init; } = new();
}

/// <summary>NodeResourcesBalancedAllocationArgs: the resources balanced (default cpu and memory).</summary>
public sealed record BalancedAllocationArgs
{
    public IReadOnlyList<ResourceSpec> Resources { get; init; } = ScoringStrategy.DefaultResources;
}

/// <summary>One default topology spread constraint (PodTopologySpreadArgs.defaultConstraints; no selector: it comes from the pod's workload).</summary>
public sealed record DefaultSpreadConstraint(int MaxSkew, string TopologyKey, string WhenUnsatisfiable);

/// <summary>
/// PodTopologySpreadArgs. defaultingType System (upstream's default) applies hostname maxSkew 3 and zone
/// maxSkew 5, both ScheduleAnyway, with the selector of the pod's Services / ReplicaSets / StatefulSets;
/// this scheduler does not watch those, so System defaults select nothing. List applies
/// <see cref="DefaultConstraints"/> with a selector of the pod's own labels.
/// </summary>
public sealed record PodTopologySpreadArgs
{
    public const string System = "System";
    public const string List = "List";

    public IReadOnlyList<DefaultSpreadConstraint> DefaultConstraints { get; init; } = [];

    public string DefaultingType { get; init; } = System;
}

/// <summary>InterPodAffinityArgs: the weight of existing pods' required affinity in scoring (default 1, 0-100).</summary>
public sealed record InterPodAffinityArgs
{
    public int HardPodAffinityWeight { get; init; } = 1;

    public bool IgnorePreferredTermsOfExistingPods { get; init; }
}

/// <summary>DefaultPreemptionArgs: how many candidate nodes preemption evaluates (10 %, at least 100).</summary>
public sealed record DefaultPreemptionArgs
{
    public int MinCandidateNodesPercentage { get; init; } = 10;

    public int MinCandidateNodesAbsolute { get; init; } = 100;
}
