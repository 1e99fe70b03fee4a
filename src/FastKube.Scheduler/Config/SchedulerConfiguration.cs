namespace FastKube.Scheduler.Config;

/// <summary>
/// KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) after defaulting and validation: the input
/// of <see cref="Scheduler.Create"/>. Load one with <see cref="SchedulerConfigLoader"/>; print the
/// defaults with <see cref="SchedulerConfigWriter.Write"/> (<c>fastkube scheduler config defaults</c>).
/// </summary>
public sealed record SchedulerConfiguration
{
    public const string ApiVersion = "kubescheduler.config.k8s.io/v1";
    public const string KindName = "KubeSchedulerConfiguration";

    /// <summary>Workers for parallel filtering (upstream default 16; the effective count is capped at the processor count).</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>0 = adaptive: 50 % − nodes/125, at least 5 %, at least 100 nodes.</summary>
    public int PercentageOfNodesToScore { get; init; }

    public int PodInitialBackoffSeconds { get; init; } = 1;

    public int PodMaxBackoffSeconds { get; init; } = 10;

    public IReadOnlyList<ProfileConfiguration> Profiles { get; init; } = [new ProfileConfiguration()];

    public static SchedulerConfiguration Default { get; } = new();
}

/// <summary>A plugin enabled at the score extension point, with its weight.</summary>
public sealed record WeightedPlugin(string Name, int Weight);

/// <summary>One profile: the scheduler name pods select it by, its resolved plugin lists and plugin args.</summary>
public sealed record ProfileConfiguration
{
    public const string DefaultSchedulerName = "default-scheduler";

    public string SchedulerName { get; init; } = DefaultSchedulerName;

    /// <summary>Overrides the global percentageOfNodesToScore when set.</summary>
    public int? PercentageOfNodesToScore { get; init; }

    /// <summary>Filter plugins in the order they run.</summary>
    public IReadOnlyList<string> Filters { get; init; } = PluginCatalog.DefaultFilters;

    public IReadOnlyList<WeightedPlugin> Scores { get; init; } = PluginCatalog.DefaultScores;

    /// <summary>Whether DefaultPreemption runs as PostFilter.</summary>
    public bool Preemption { get; init; } = true;

    public NodeResourcesFitArgs NodeResourcesFit { get; init; } = new();

    public BalancedAllocationArgs BalancedAllocation { get; init; } = new();

    public PodTopologySpreadArgs PodTopologySpread { get; init; } = new();

    public InterPodAffinityArgs InterPodAffinity { get; init; } = new();

    public DefaultPreemptionArgs DefaultPreemption { get; init; } = new();
}
