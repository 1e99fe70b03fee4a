using FastKube.Scheduler.Config;

namespace FastKube.Scheduler.Tests.Config;

public sealed class SchedulerConfigLoaderTests
{
    private const string Header = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

    private static SchedulerConfiguration LoadValid(string yaml)
    {
        var (config, errors) = SchedulerConfigLoader.Load(yaml);
        Assert.Empty(errors);
        return config!;
    }

    private static string SingleError(string yaml)
    {
        var (config, errors) = SchedulerConfigLoader.Load(yaml);
        Assert.Null(config);
        return Assert.Single(errors);
    }

    [Fact]
    public void Load_HeaderOnly_UpstreamDefaults()
    {
        var config = LoadValid(Header);

        var profile = Assert.Single(config.Profiles);
        Assert.Equal("default-scheduler", profile.SchedulerName);
        Assert.Equal(16, config.Parallelism);
        Assert.Equal(0, config.PercentageOfNodesToScore);
        Assert.Equal((1, 10), (config.PodInitialBackoffSeconds, config.PodMaxBackoffSeconds));
        Assert.Equal(PluginCatalog.DefaultFilters, profile.Filters);
        Assert.Equal(
            ["TaintToleration:3", "NodeAffinity:2", "NodeResourcesFit:1", "PodTopologySpread:2", "InterPodAffinity:2", "NodeResourcesBalancedAllocation:1", "ImageLocality:1"],
            profile.Scores.Select(s => $"{s.Name}:{s.Weight}"));
        Assert.True(profile.Preemption);
        Assert.Equal(ScoringStrategy.LeastAllocated, profile.NodeResourcesFit.ScoringStrategy.Type);
    }

    [Fact]
    public void Write_Defaults_LoadsBackToTheSameText()
    {
        var text = SchedulerConfigWriter.Write(SchedulerConfiguration.Default);

        Assert.Equal(text, SchedulerConfigWriter.Write(LoadValid(text)));
    }

    [Fact]
    public void Load_LeaderElectionAndClientConnection_OverrideDefaults()
    {
        var config = LoadValid(Header + "leaderElection:\n  leaderElect: false\n  leaseDuration: 1m0s\n  resourceName: my-scheduler\nclientConnection:\n  kubeconfig: /etc/k.conf\n  qps: 200\n  burst: 400\n");

        Assert.Equal(new LeaderElectionSettings { LeaderElect = false, LeaseDuration = TimeSpan.FromMinutes(1), ResourceName = "my-scheduler" }, config.LeaderElection);
        Assert.Equal(new ClientConnectionSettings { Kubeconfig = "/etc/k.conf", Qps = 200, Burst = 400 }, config.ClientConnection);
    }

    [Fact]
    public void Load_PluginsAndArgs_AppliedPerProfile()
    {
        var config = LoadValid(Header + """
            percentageOfNodesToScore: 20
            profiles:
            - schedulerName: default-scheduler
            - schedulerName: packer
              plugins:
                score:
                  disabled:
                  - name: NodeResourcesBalancedAllocation
                  - name: ImageLocality
                  enabled:
                  - name: NodeResourcesFit
                    weight: 5
                filter:
                  disabled:
                  - name: NodePorts
                postFilter:
                  disabled:
                  - name: DefaultPreemption
              pluginConfig:
              - name: NodeResourcesFit
                args:
                  scoringStrategy:
                    type: MostAllocated
                    resources:
                    - name: cpu
                      weight: 2
                    - name: memory
                      weight: 1
              - name: PodTopologySpread
                args:
                  defaultingType: List
                  defaultConstraints:
                  - maxSkew: 1
                    topologyKey: topology.kubernetes.io/zone
                    whenUnsatisfiable: ScheduleAnyway
            """);

        Assert.Equal(20, config.PercentageOfNodesToScore);
        var packer = config.Profiles[1];
        Assert.Equal("packer", packer.SchedulerName);
        Assert.DoesNotContain("NodePorts", packer.Filters);
        Assert.Equal(5, packer.Scores.Single(s => s.Name == "NodeResourcesFit").Weight);
        Assert.DoesNotContain(packer.Scores, s => s.Name is "ImageLocality" or "NodeResourcesBalancedAllocation");
        Assert.False(packer.Preemption);
        Assert.Equal(ScoringStrategy.MostAllocated, packer.NodeResourcesFit.ScoringStrategy.Type);
        Assert.Equal([new ResourceSpec("cpu", 2), new ResourceSpec("memory", 1)], packer.NodeResourcesFit.ScoringStrategy.Resources);
        Assert.Equal(new DefaultSpreadConstraint(1, "topology.kubernetes.io/zone", "ScheduleAnyway"), Assert.Single(packer.PodTopologySpread.DefaultConstraints));
        Assert.True(config.Profiles[0].Preemption);
    }

    [Fact]
    public void Load_MultiPointDisableAll_OnlyEnabledPluginsRun()
    {
        var profile = LoadValid(Header + """
            profiles:
            - schedulerName: minimal
              plugins:
                multiPoint:
                  disabled:
                  - name: '*'
                  enabled:
                  - name: NodeResourcesFit
                    weight: 3
                  - name: TaintToleration
            """).Profiles.Single();

        Assert.Equal(["NodeResourcesFit", "TaintToleration"], profile.Filters);
        Assert.Equal([new WeightedPlugin("NodeResourcesFit", 3), new WeightedPlugin("TaintToleration", 3)], profile.Scores);
        Assert.False(profile.Preemption);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n", "apiVersion: Invalid value: \"kubescheduler.config.k8s.io/v1beta3\": must be kubescheduler.config.k8s.io/v1" },
        { Header + "percentageOfNodesToScore: 150\n", "percentageOfNodesToScore: Invalid value: 150: not in valid range [0-100]" },
        { Header + "parallelism: 0\n", "parallelism: Invalid value: 0: should be an integer value greater than zero" },
        { Header + "podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n", "podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds" },
        { Header + "profiles:\n- schedulerName: a\n- schedulerName: a\n", "profiles[1].schedulerName: Invalid value: \"a\": Duplicate value" },
        { Header + "profiles:\n- schedulerName: a\n  plugins:\n    score:\n      enabled:\n      - name: Foo\n", "profiles[0].plugins.score.enabled[0].name: Invalid value: \"Foo\": unknown plugin; known: " + string.Join(", ", PluginCatalog.Known) },
        { Header + "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeAffinity\n        weight: -1\n", "profiles[0].plugins.score.enabled[0].weight: Invalid value: -1: must be greater than zero" },
        { Header + "profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: ImageLocality\n", "profiles[0].plugins.filter.enabled[0].name: Invalid value: \"ImageLocality\": not a filter plugin; allowed: " + string.Join(", ", PluginCatalog.DefaultFilters) },
        { Header + "profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: VolumeBinding\n", "profiles[0].plugins.filter.enabled[0].name: Invalid value: \"VolumeBinding\": not implemented by this scheduler (it may only be disabled)" },
        { Header + "colour: blue\n", "colour: Invalid value: \"colour\": unknown field; allowed: apiVersion, clientConnection, debuggingConfiguration, delayCacheUntilActive, extenders, kind, leaderElection, parallelism, percentageOfNodesToScore, podInitialBackoffSeconds, podMaxBackoffSeconds, profiles" },
        { Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: Fancy\n", "profiles[0].pluginConfig[0].args.scoringStrategy.type: Invalid value: \"Fancy\": Unsupported value; supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\"" },
        { Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: RequestedToCapacityRatio\n", "profiles[0].pluginConfig[0].args.scoringStrategy.requestedToCapacityRatio.shape: Invalid value: \"[]\": Required value: at least one point" },
        { Header + "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        resources:\n        - name: cpu\n          weight: 101\n", "profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of cpu not in valid range [1, 100]" },
        { Header + "profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultConstraints:\n      - maxSkew: 1\n        topologyKey: zone\n        whenUnsatisfiable: DoNotSchedule\n", "profiles[0].pluginConfig[0].args.defaultConstraints: Invalid value: \"1 constraint(s)\": when .defaultingType=\"System\", .defaultConstraints must be empty" },
        { Header + "profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args:\n      hardPodAffinityWeight: 101\n", "profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]" },
        { Header + "leaderElection:\n  leaseDuration: 5s\n", "leaderElection.leaseDuration: Invalid value: \"5s\": LeaseDuration must be greater than RenewDeadline" },
        { Header + "leaderElection:\n  retryPeriod: 9s\n", "leaderElection.renewDeadline: Invalid value: \"10s\": RenewDeadline must be greater than RetryPeriod*JitterFactor (1.2)" },
        { Header + "leaderElection:\n  retryPeriod: soon\n", "leaderElection.retryPeriod: Invalid value: \"soon\": must be a duration such as 15s, 2m0s or 500ms (units ns, us, ms, s, m, h)" },
        { Header + "leaderElection:\n  resourceLock: endpoints\n", "leaderElection.resourceLock: Invalid value: \"endpoints\": must be leases" },
        { Header + "clientConnection:\n  qps: -1\n", "clientConnection.qps: Invalid value: -1: must be greater than or equal to 0" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Load_InvalidField_ErrorNamesFieldValueAndAllowed(string yaml, string error) => Assert.Equal(error, SingleError(yaml));

    [Fact]
    public void Load_MalformedYaml_ReportsPosition() => Assert.StartsWith("invalid YAML at line", SingleError("a: [b"), StringComparison.Ordinal);
}
