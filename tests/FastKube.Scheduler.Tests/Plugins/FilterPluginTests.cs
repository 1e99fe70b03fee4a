using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Plugins;

namespace FastKube.Scheduler.Tests.Plugins;

/// <summary>Filter plugins, table-driven against upstream's documented semantics and reason texts.</summary>
public sealed class FilterPluginTests
{
    public static TheoryData<string, string?, string?, string?, bool> TolerationCases => new()
    {
        // key, operator, value, effect → tolerates taint dedicated=gpu:NoSchedule
        { "dedicated", "Equal", "gpu", "NoSchedule", true },
        { "dedicated", null, "gpu", "NoSchedule", true },
        { "dedicated", "Equal", "cpu", "NoSchedule", false },
        { "dedicated", "Exists", null, null, true },
        { "", "Exists", null, null, true },
        { "dedicated", "Exists", null, "NoExecute", false },
        { "other", "Exists", null, null, false },
    };

    [Theory]
    [MemberData(nameof(TolerationCases))]
    public void TaintToleration_Tolerations_AsUpstreamToleratesTaint(string key, string? op, string? value, string? effect, bool fits)
    {
        var harness = new PluginHarness(Objects.Node("n").WithTaint("dedicated", "gpu", "NoSchedule"));
        var pod = Objects.Pod("p", mutate: p => p.Spec!.Tolerations = [new Toleration { Key = key, Operator = op, Value = value, Effect = effect }]);

        var result = harness.Filter(new TaintTolerationPlugin(), pod)["n"];

        Assert.Equal(fits ? "" : "node(s) had untolerated taint {dedicated: gpu}", result);
    }

    [Fact]
    public void TaintToleration_PreferNoSchedule_NeverFilters()
    {
        var harness = new PluginHarness(Objects.Node("n").WithTaint("spot", "", "PreferNoSchedule"));

        Assert.Equal("", harness.Filter(new TaintTolerationPlugin(), Objects.Pod("p"))["n"]);
    }

    public static TheoryData<string, string[], bool> AffinityCases => new()
    {
        // operator, values → matches node with zone=z1, cores=8
        { "In", ["z1", "z2"], true },
        { "In", ["z3"], false },
        { "NotIn", ["z3"], true },
        { "NotIn", ["z1"], false },
        { "Exists", [], true },
        { "DoesNotExist", [], false },
        { "Gt:cores", ["4"], true },
        { "Gt:cores", ["8"], false },
        { "Lt:cores", ["16"], true },
        { "Gt:cores", ["x"], false },
        { "NotIn:missing", ["a"], true },
        { "DoesNotExist:missing", [], true },
    };

    [Theory]
    [MemberData(nameof(AffinityCases))]
    public void NodeAffinity_Operators_AsUpstreamNodeSelectorRequirement(string op, string[] values, bool fits)
    {
        var harness = new PluginHarness(Objects.Node("n").WithLabel("zone", "z1").WithLabel("cores", "8"));
        var parts = op.Split(':');
        var key = parts.Length > 1 ? parts[1] : "zone";
        var pod = Objects.Pod("p", mutate: p => p.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = key, Operator = parts[0], Values = [.. values] }] }],
                },
            },
        });

        Assert.Equal(fits ? "" : NodeAffinityPlugin.Reason, harness.Filter(new NodeAffinityPlugin(), pod)["n"]);
    }

    [Fact]
    public void NodeAffinity_EmptyTermAndMatchingTerm_TermsAreOred()
    {
        var harness = new PluginHarness(Objects.Node("a").WithLabel("zone", "z1"), Objects.Node("b"));
        var pod = Objects.Pod("p", mutate: p => p.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm(), new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "zone", Operator = "In", Values = ["z1"] }] }],
                },
            },
        });

        var result = harness.Filter(new NodeAffinityPlugin(), pod);

        Assert.Equal("", result["a"]);
        Assert.Equal(NodeAffinityPlugin.Reason, result["b"]);
    }

    [Fact]
    public void NodeResourcesFit_Shortfalls_EveryReasonInUpstreamOrder()
    {
        var harness = new PluginHarness(Objects.Node("n", cpu: "1", memory: "1Gi", pods: 1)).With(Objects.Pod("e", cpu: "500m", memory: "512Mi").OnNode("n"));
        var pod = Objects.Pod("p", cpu: "1", memory: "1Gi", mutate: p => p.Spec!.Containers![0].Resources!.Requests!["example.com/gpu"] = Quantity.FromValue(1));

        Assert.Equal("Too many pods; Insufficient cpu; Insufficient memory; Insufficient example.com/gpu", harness.Filter(new NodeResourcesFitPlugin(new NodeResourcesFitArgs()), pod)["n"]);
    }

    [Fact]
    public void NodeResourcesFit_IgnoredResourceGroup_NotChecked()
    {
        var harness = new PluginHarness(Objects.Node("n"));
        var pod = Objects.Pod("p", mutate: p => p.Spec!.Containers![0].Resources!.Requests!["example.com/gpu"] = Quantity.FromValue(1));

        var result = harness.Filter(new NodeResourcesFitPlugin(new NodeResourcesFitArgs { IgnoredResourceGroups = ["example.com"] }), pod);

        Assert.Equal("", result["n"]);
    }

    [Fact]
    public void NodeResourcesFit_ExactFit_Fits()
    {
        var harness = new PluginHarness(Objects.Node("n", cpu: "1", memory: "1Gi")).With(Objects.Pod("e", cpu: "400m", memory: "512Mi").OnNode("n"));

        Assert.Equal("", harness.Filter(new NodeResourcesFitPlugin(new NodeResourcesFitArgs()), Objects.Pod("p", cpu: "600m", memory: "512Mi"))["n"]);
    }

    [Fact]
    public void NodeUnschedulable_CordonedNode_RejectedUnlessTolerated()
    {
        var harness = new PluginHarness(Objects.Node("n", mutate: n => n.Spec!.Unschedulable = true));
        var tolerant = Objects.Pod("t", mutate: p => p.Spec!.Tolerations = [new Toleration { Key = "node.kubernetes.io/unschedulable", Operator = "Exists", Effect = "NoSchedule" }]);

        Assert.Equal(NodeUnschedulablePlugin.Reason, harness.Filter(new NodeUnschedulablePlugin(), Objects.Pod("p"))["n"]);
        Assert.Equal("", harness.Filter(new NodeUnschedulablePlugin(), tolerant)["n"]);
    }

    [Theory]
    [InlineData("0.0.0.0", "TCP", "10.0.0.1", "TCP", false)]
    [InlineData("10.0.0.1", "TCP", "10.0.0.2", "TCP", true)]
    [InlineData("10.0.0.1", "TCP", "10.0.0.1", "UDP", true)]
    [InlineData("10.0.0.1", "TCP", "", "TCP", false)]
    public void NodePorts_SamePortProtocolOverlappingIp_Conflicts(string usedIp, string usedProtocol, string wantIp, string wantProtocol, bool fits)
    {
        var harness = new PluginHarness(Objects.Node("n")).With(Objects.Pod("e", mutate: p => p.Spec!.Containers![0].Ports = [new ContainerPort { HostPort = 80, HostIP = usedIp, Protocol = usedProtocol }]).OnNode("n"));
        var pod = Objects.Pod("p", mutate: p => p.Spec!.Containers![0].Ports = [new ContainerPort { HostPort = 80, HostIP = wantIp, Protocol = wantProtocol }]);

        Assert.Equal(fits ? "" : NodePortsPlugin.Reason, harness.Filter(new NodePortsPlugin(), pod)["n"]);
    }

    [Fact]
    public void PodTopologySpread_FewerDomainsThanMinDomains_GlobalMinimumIsZero()
    {
        var harness = new PluginHarness(Objects.Node("a").WithLabel("zone", "z1"), Objects.Node("b").WithLabel("zone", "z2"))
            .With(Objects.Pod("e1").WithLabel("app", "x").OnNode("a"))
            .With(Objects.Pod("e2").WithLabel("app", "x").OnNode("b"));
        Pod Spread(int? minDomains) => Objects.Pod("p").WithLabel("app", "x").With(p => p.Spec!.TopologySpreadConstraints =
        [
            new TopologySpreadConstraint
            {
                MaxSkew = 1, TopologyKey = "zone", WhenUnsatisfiable = "DoNotSchedule", MinDomains = minDomains,
                LabelSelector = new FastKube.Api.Meta.LabelSelector { MatchLabels = new() { ["app"] = "x" } },
            },
        ]);

        var plugin = new PodTopologySpreadPlugin(new PodTopologySpreadArgs());

        Assert.Equal("", harness.Filter(plugin, Spread(null))["a"]);
        Assert.Equal(PodTopologySpreadPlugin.Reason, harness.Filter(plugin, Spread(3))["a"]);
    }

    [Fact]
    public void PodTopologySpread_NodeAffinityPolicyHonor_IgnoresDomainsThePodCannotUse()
    {
        // z2 is excluded by the pod's nodeSelector, so its emptiness does not pull the minimum down.
        var harness = new PluginHarness(Objects.Node("a").WithLabel("zone", "z1").WithLabel("pool", "x"), Objects.Node("b").WithLabel("zone", "z2"), Objects.Node("c").WithLabel("zone", "z3").WithLabel("pool", "x"))
            .With(Objects.Pod("e1").WithLabel("app", "x").OnNode("a"))
            .With(Objects.Pod("e2").WithLabel("app", "x").OnNode("c"));
        var pod = Objects.Pod("p").WithLabel("app", "x").With(p =>
        {
            p.Spec!.NodeSelector = new() { ["pool"] = "x" };
            p.Spec.TopologySpreadConstraints =
            [
                new TopologySpreadConstraint
                {
                    MaxSkew = 1, TopologyKey = "zone", WhenUnsatisfiable = "DoNotSchedule",
                    LabelSelector = new FastKube.Api.Meta.LabelSelector { MatchLabels = new() { ["app"] = "x" } },
                },
            ];
        });

        Assert.Equal("", harness.Filter(new PodTopologySpreadPlugin(new PodTopologySpreadArgs()), pod)["a"]);
    }
}
