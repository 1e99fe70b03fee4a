using FastKube.Api.Core;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Framework;
using FastKube.Scheduler.Plugins;

namespace FastKube.Scheduler.Tests.Plugins;

/// <summary>Score plugins against upstream's formulas, worked by hand.</summary>
public sealed class ScorePluginTests
{
    private static readonly ScoringStrategy LinearShape = new()
    {
        Type = ScoringStrategy.RequestedToCapacityRatio,
        Shape = [new UtilizationShapePoint(0, 10), new UtilizationShapePoint(100, 0)],
    };

    public static TheoryData<string, long> FitCases => new()
    {
        // Node 4 cpu / 8Gi, empty; pod 1 cpu / 1Gi: cpu 25 % used, memory 12.5 %.
        { ScoringStrategy.LeastAllocated, (75 + 87) / 2 },
        { ScoringStrategy.MostAllocated, (25 + 12) / 2 },
        { ScoringStrategy.RequestedToCapacityRatio, 82 },
    };

    [Theory]
    [MemberData(nameof(FitCases))]
    public void NodeResourcesFit_Strategy_UpstreamFormula(string type, long expected)
    {
        var harness = new PluginHarness(Objects.Node("n", cpu: "4", memory: "8Gi"));
        var strategy = type == ScoringStrategy.RequestedToCapacityRatio ? LinearShape : new ScoringStrategy { Type = type };

        var score = harness.Score(new NodeResourcesFitPlugin(new NodeResourcesFitArgs { ScoringStrategy = strategy }), Objects.Pod("p", cpu: "1", memory: "1Gi"))["n"];

        Assert.Equal(expected, score);
    }

    [Fact]
    public void NodeResourcesFit_LeastAllocated_BestEffortPodCountsDefaults()
    {
        // 100m of 1000m and 200Mi of 1000Mi: (90 + 80) / 2.
        var harness = new PluginHarness(Objects.Node("n", cpu: "1", memory: "1000Mi"));

        Assert.Equal(85, harness.Score(new NodeResourcesFitPlugin(new NodeResourcesFitArgs()), Objects.Pod("p", cpu: null, memory: null))["n"]);
    }

    [Fact]
    public void BalancedAllocation_Fractions_OneMinusStandardDeviation()
    {
        // cpu 1/4 = .25, memory 4/8 = .5: deviation .125, score 87.
        var harness = new PluginHarness(Objects.Node("n", cpu: "4", memory: "8Gi"));

        Assert.Equal(87, harness.Score(new BalancedAllocationPlugin(new BalancedAllocationArgs()), Objects.Pod("p", cpu: "1", memory: "4Gi"))["n"]);
    }

    [Fact]
    public void ImageLocality_ImageOnHalfTheNodes_ScaledBySpread()
    {
        // 500 MiB × 1/2 of nodes = 250 MiB: 100 × (250 − 23) / (1000 − 23) = 23.
        var harness = new PluginHarness(
            Objects.Node("a", mutate: n => n.Status!.Images = [new ContainerImage { Names = ["busybox:latest"], SizeBytes = 500L * 1024 * 1024 }]),
            Objects.Node("b"));

        var scores = harness.Score(new ImageLocalityPlugin(), Objects.Pod("p"));

        Assert.Equal(23, scores["a"]);
        Assert.Equal(0, scores["b"]);
    }

    [Fact]
    public void TaintToleration_PreferNoScheduleCount_ReverseNormalized()
    {
        var harness = new PluginHarness(
            Objects.Node("two").WithTaint("a", "", "PreferNoSchedule").WithTaint("b", "", "PreferNoSchedule"),
            Objects.Node("one").WithTaint("a", "", "PreferNoSchedule"),
            Objects.Node("none"));

        var scores = harness.Score(new TaintTolerationPlugin(), Objects.Pod("p"));

        Assert.Equal(new Dictionary<string, long> { ["two"] = 0, ["one"] = 50, ["none"] = 100 }, scores);
    }

    [Fact]
    public void NodeAffinity_PreferredWeights_ScaledToBest()
    {
        var harness = new PluginHarness(Objects.Node("both").WithLabel("ssd", "y").WithLabel("zone", "z1"), Objects.Node("ssd").WithLabel("ssd", "y"), Objects.Node("none"));
        static PreferredSchedulingTerm Prefer(string key, int weight) => new()
        {
            Weight = weight,
            Preference = new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = key, Operator = "Exists" }] },
        };
        var pod = Objects.Pod("p", mutate: p => p.Spec!.Affinity = new Affinity { NodeAffinity = new NodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [Prefer("ssd", 30), Prefer("zone", 10)] } });

        Assert.Equal(new Dictionary<string, long> { ["both"] = 100, ["ssd"] = 75, ["none"] = 0 }, harness.Score(new NodeAffinityPlugin(), pod));
    }

    [Fact]
    public void InterPodAffinity_PreferredAntiAffinity_MinMaxNormalized()
    {
        var harness = new PluginHarness(Objects.Node("a"), Objects.Node("b"), Objects.Node("c"))
            .With(Objects.Pod("x1").WithLabel("app", "x").OnNode("a"))
            .With(Objects.Pod("x2").WithLabel("app", "x").OnNode("a"))
            .With(Objects.Pod("x3").WithLabel("app", "x").OnNode("b"));
        var pod = Objects.Pod("p", mutate: p => p.Spec!.Affinity = new Affinity
        {
            PodAntiAffinity = new PodAntiAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution = [new WeightedPodAffinityTerm { Weight = 10, PodAffinityTerm = EndToEnd.PlacementTests.Term("x", "kubernetes.io/hostname") }],
            },
        });

        // Raw −20, −10, 0.
        Assert.Equal(new Dictionary<string, long> { ["a"] = 0, ["b"] = 50, ["c"] = 100 }, harness.Score(new InterPodAffinityPlugin(new InterPodAffinityArgs()), pod));
    }

    [Fact]
    public void PodTopologySpread_ScheduleAnyway_FewerMatchingPodsScoreHigher()
    {
        var harness = new PluginHarness(Objects.Node("a").WithLabel("zone", "z1"), Objects.Node("b").WithLabel("zone", "z2"))
            .With(Objects.Pod("e1").WithLabel("app", "x").OnNode("a"))
            .With(Objects.Pod("e2").WithLabel("app", "x").OnNode("a"));
        var pod = Objects.Pod("p").WithLabel("app", "x").With(p => p.Spec!.TopologySpreadConstraints =
        [
            new TopologySpreadConstraint
            {
                MaxSkew = 1, TopologyKey = "zone", WhenUnsatisfiable = "ScheduleAnyway",
                LabelSelector = new FastKube.Api.Meta.LabelSelector { MatchLabels = new() { ["app"] = "x" } },
            },
        ]);

        // Raw: a = round(2 × ln 4) = 3, b = 0; normalized 100 × (3 + 0 − s) / 3.
        Assert.Equal(new Dictionary<string, long> { ["a"] = 0, ["b"] = 100 }, harness.Score(new PodTopologySpreadPlugin(new PodTopologySpreadArgs()), pod));
    }

    [Theory]
    [InlineData(new long[] { 0, 5, 10 }, false, new long[] { 0, 50, 100 })]
    [InlineData(new long[] { 0, 5, 10 }, true, new long[] { 100, 50, 0 })]
    [InlineData(new long[] { 0, 0 }, true, new long[] { 100, 100 })]
    [InlineData(new long[] { 0, 0 }, false, new long[] { 0, 0 })]
    public void DefaultNormalize_Scores_AsUpstream(long[] raw, bool reverse, long[] expected)
    {
        ScoreMath.DefaultNormalize(raw, reverse);

        Assert.Equal(expected, raw);
    }

    [Theory]
    [InlineData(50, 0, 50)]
    [InlineData(100, 0, 100)]
    [InlineData(1000, 0, 420)]
    [InlineData(5000, 0, 500)]
    [InlineData(6000, 0, 300)]
    [InlineData(20000, 0, 1000)]
    [InlineData(1000, 30, 300)]
    [InlineData(1000, 5, 100)]
    [InlineData(1000, 100, 1000)]
    public void NumFeasibleNodesToFind_Nodes_UpstreamAdaptiveDefault(int nodes, int percentage, int expected) =>
        Assert.Equal(expected, Profile.NumFeasibleNodesToFind(nodes, percentage));
}
