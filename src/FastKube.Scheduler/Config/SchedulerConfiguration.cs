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

    public LeaderElectionSettings LeaderElection { get; init; } = new();

    public ClientConnectionSettings ClientConnection { get; init; } = new();

    public static SchedulerConfiguration Default { get; } = new();
}

/// <summary>
/// The scheduler's <c>leaderElection</c> section (component-base LeaderElectionConfiguration) with
/// kube-scheduler's defaults: on, a Lease kube-system/kube-scheduler, 15 s / 10 s / 2 s.
/// </summary>
public sealed record LeaderElectionSettings
{
    public bool LeaderElect { get; init; } = true;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Only <c>leases</c> exists upstream since 1.24 (the endpoints and configmaps locks are gone).</summary>
    public string ResourceLock { get; init; } = "leases";

    public string ResourceName { get; init; } = "kube-scheduler";

    public string ResourceNamespace { get; init; } = "kube-system";
}

/// <summary>The scheduler's <c>clientConnection</c> section with kube-scheduler's defaults (QPS 50, burst 100).</summary>
public sealed record ClientConnectionSettings
{
    /// <summary>The kubeconfig to use when <c>--kubeconfig</c> is not given.</summary>
    public string Kubeconfig { get; init; } = "";

    public double Qps { get; init; } = 50;

    public int Burst { get; init; } = 100;
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
