using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Scheduler.Tests.EndToEnd;

/// <summary>Pods land where upstream's default profile would put them.</summary>
public sealed class PlacementTests
{
    private static Node[] Zones(int perZone, params string[] zones) =>
        [.. zones.SelectMany(zone => Enumerable.Range(0, perZone).Select(i => Objects.Node($"{zone}-{i}").WithLabel("topology.kubernetes.io/zone", zone)))];

    [Fact]
    public void Schedule_NodeSelector_LandsOnLabelledNode()
    {
        var harness = new Harness().Nodes(Objects.Node("a"), Objects.Node("b").WithLabel("disk", "ssd"), Objects.Node("c"));

        var placed = harness.Schedule(Objects.Pod("p", mutate: p => p.Spec!.NodeSelector = new() { ["disk"] = "ssd" }));

        Assert.Equal("b", placed["p"]);
    }

    [Fact]
    public void Schedule_RequiredNodeAffinityNotIn_AvoidsExcludedZones()
    {
        var harness = new Harness().Nodes(Zones(2, "z1", "z2", "z3"));
        var pods = Enumerable.Range(0, 6).Select(i => Objects.Pod($"p{i}", mutate: p => p.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "topology.kubernetes.io/zone", Operator = "NotIn", Values = ["z1", "z2"] }] }],
                },
            },
        })).ToArray();

        var placed = harness.Schedule(pods);

        Assert.All(placed.Values, node => Assert.StartsWith("z3-", node, StringComparison.Ordinal));
        Assert.Equal(6, placed.Count);
    }

    [Fact]
    public void Schedule_MatchFieldsMetadataName_PicksThatNode()
    {
        var harness = new Harness().Nodes(Objects.Node("a"), Objects.Node("b"));

        var placed = harness.Schedule(Objects.Pod("p", mutate: p => p.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = "In", Values = ["b"] }] }],
                },
            },
        }));

        Assert.Equal("b", placed["p"]);
    }

    [Fact]
    public void Schedule_RequiredAntiAffinityPerHostname_OnePodPerNodeThenUpstreamMessage()
    {
        var harness = new Harness().Nodes(Objects.Node("a"), Objects.Node("b"), Objects.Node("c"));
        var pods = Enumerable.Range(0, 4).Select(i => Objects.Pod($"web-{i}").WithLabel("app", "web").With(AntiAffinity("web", "kubernetes.io/hostname"))).ToArray();

        var placed = harness.Schedule(pods);

        Assert.Equal(3, placed.Count);
        Assert.Equal(3, placed.Values.Distinct().Count());
        var failed = Assert.Single(harness.Events.Failed.Select(f => f.Pod).Distinct());
        Assert.Equal(
            "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            harness.LastFailure(failed));
    }

    [Fact]
    public void Schedule_ExistingPodAntiAffinity_RejectsIncomingMatchingPod()
    {
        var harness = new Harness().Nodes(Objects.Node("a"), Objects.Node("b"));
        harness.Scheduler.AddPod(Objects.Pod("guard").OnNode("a").With(AntiAffinity("noisy", "kubernetes.io/hostname")));

        var placed = harness.Schedule(Objects.Pod("n1").WithLabel("app", "noisy"), Objects.Pod("n2").WithLabel("app", "noisy"));

        Assert.Equal("b", placed["n1"]);
        Assert.Equal("b", placed["n2"]);
    }

    [Fact]
    public void Schedule_RequiredPodAffinity_JoinsTheMatchingPodsZone()
    {
        var harness = new Harness().Nodes(Zones(2, "z1", "z2", "z3"));
        harness.Scheduler.AddPod(Objects.Pod("db").WithLabel("app", "db").OnNode("z2-1"));

        var placed = harness.Schedule(Objects.Pod("app").With(p => p.Spec!.Affinity = new Affinity
        {
            PodAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("db", "topology.kubernetes.io/zone")] },
        }));

        Assert.StartsWith("z2-", placed["app"], StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_TaintNoSchedule_OnlyTolerantPodsLandThere()
    {
        var harness = new Harness().Nodes(Objects.Node("gpu").WithTaint("dedicated", "gpu", "NoSchedule"), Objects.Node("cpu", cpu: "1"));
        var tolerant = Objects.Pod("tolerant", cpu: "500m", mutate: p => p.Spec!.Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "gpu", Effect = "NoSchedule" }]);

        var placed = harness.Schedule(Objects.Pod("plain", cpu: "500m"), tolerant);

        Assert.Equal("cpu", placed["plain"]);
        Assert.Equal("gpu", placed["tolerant"]);
    }

    [Fact]
    public void Schedule_PreferNoScheduleTaint_ScoredAway()
    {
        var harness = new Harness().Nodes(Objects.Node("soft").WithTaint("spot", "true", "PreferNoSchedule"), Objects.Node("clean"));

        var placed = harness.Schedule(Objects.Pod("p"));

        Assert.Equal("clean", placed["p"]);
    }

    [Fact]
    public void Schedule_TopologySpreadDoNotSchedule_EvensOutZones()
    {
        var harness = new Harness().Nodes(Zones(2, "z1", "z2", "z3"));
        var pods = Enumerable.Range(0, 9).Select(i => Objects.Pod($"s{i}").WithLabel("app", "spread").With(p => p.Spec!.TopologySpreadConstraints =
        [
            new TopologySpreadConstraint
            {
                MaxSkew = 1, TopologyKey = "topology.kubernetes.io/zone", WhenUnsatisfiable = "DoNotSchedule",
                LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "spread" } },
            },
        ])).ToArray();

        var placed = harness.Schedule(pods);

        var perZone = placed.Values.GroupBy(n => n[..2]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["z1"] = 3, ["z2"] = 3, ["z3"] = 3 }, perZone);
    }

    [Fact]
    public void Schedule_TopologySpreadMissingKey_NodeIsUnresolvable()
    {
        var harness = new Harness().Nodes(Objects.Node("a"));

        harness.Schedule(Objects.Pod("p").WithLabel("app", "x").With(p => p.Spec!.TopologySpreadConstraints =
        [
            new TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "rack", WhenUnsatisfiable = "DoNotSchedule", LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "x" } } },
        ]));

        Assert.Equal(
            "0/1 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
            harness.LastFailure("p"));
    }

    [Fact]
    public void Schedule_LeastAllocated_PrefersEmptierNode()
    {
        var harness = new Harness().Nodes(Objects.Node("busy"), Objects.Node("idle"));
        harness.Scheduler.AddPod(Objects.Pod("existing", cpu: "3", memory: "6Gi").OnNode("busy"));

        var placed = harness.Schedule(Objects.Pod("p"));

        Assert.Equal("idle", placed["p"]);
    }

    [Fact]
    public void Schedule_AssumedPodsCount_SecondPodGoesElsewhere()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"), Objects.Node("b", cpu: "1"));

        var placed = harness.Schedule(Objects.Pod("p1", cpu: "800m"), Objects.Pod("p2", cpu: "800m"));

        Assert.NotEqual(placed["p1"], placed["p2"]);
    }

    [Fact]
    public void Schedule_NothingFits_UpstreamMessageWithSortedReasons()
    {
        var harness = new Harness().Nodes(
            Objects.Node("small-1", cpu: "1"), Objects.Node("small-2", cpu: "1"), Objects.Node("small-3", cpu: "1"),
            Objects.Node("gpu-1", cpu: "8").WithTaint("dedicated", "gpu", "NoSchedule"), Objects.Node("gpu-2", cpu: "8").WithTaint("dedicated", "gpu", "NoSchedule"));

        harness.Schedule(Objects.Pod("big", cpu: "2"));

        Assert.Equal(
            "0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. "
            + "preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
            harness.LastFailure("big"));
        Assert.Equal(SchedulingMessages.ReasonUnschedulable, harness.Events.Failed.Single().Reason);
    }

    [Fact]
    public void Schedule_UnschedulablePod_RetriedWhenANodeArrives()
    {
        var harness = new Harness().Nodes(Objects.Node("small", cpu: "1"));
        harness.Schedule(Objects.Pod("big", cpu: "2"));
        Assert.Equal(1, harness.Scheduler.Stats.Unschedulable);

        harness.Scheduler.AddNode(Objects.Node("large", cpu: "4"));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.RunCycles();

        Assert.Equal("large", harness.Binder.Bound["big"]);
    }

    [Fact]
    public void Schedule_HigherPriorityPodDoesNotFit_PreemptsLowerPriorityVictimAndNominates()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"));
        harness.Scheduler.AddPod(Objects.Pod("low", cpu: "800m", mutate: p => p.Spec!.Priority = 1).OnNode("a"));

        harness.Schedule(Objects.Pod("high", cpu: "800m", mutate: p => p.Spec!.Priority = 1000));

        Assert.Equal(("low", "high", "a"), Assert.Single(harness.Events.Preempted));
        Assert.Equal(("high", (string?)"a"), Assert.Single(harness.Events.Nominated));
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu.", harness.LastFailure("high"));

        harness.Scheduler.RemovePod(Objects.Pod("low").OnNode("a"));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.RunCycles();
        Assert.Equal("a", harness.Binder.Bound["high"]);
    }

    [Fact]
    public void Schedule_NominatedNode_HeldAgainstLowerPriorityPods()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"));
        harness.Scheduler.AddPod(Objects.Pod("low", cpu: "800m", mutate: p => p.Spec!.Priority = 1).OnNode("a"));
        harness.Schedule(Objects.Pod("high", cpu: "800m", mutate: p => p.Spec!.Priority = 1000));

        harness.Scheduler.RemovePod(Objects.Pod("low").OnNode("a"));
        // The preemptor is still backing off when a lower-priority pod comes along: the node stays held.
        harness.Scheduler.AddPod(Objects.Pod("sneaky", cpu: "800m", mutate: p => p.Spec!.Priority = 1));
        harness.RunCycles();
        Assert.False(harness.Binder.Bound.ContainsKey("sneaky"));
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", harness.LastFailure("sneaky"));

        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.RunCycles();
        Assert.Equal("a", harness.Binder.Bound["high"]);
    }

    [Fact]
    public void Schedule_PreemptionPolicyNever_ReportsNotEligible()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"));
        harness.Scheduler.AddPod(Objects.Pod("low", cpu: "800m").OnNode("a"));

        harness.Schedule(Objects.Pod("high", cpu: "800m", mutate: p => { p.Spec!.Priority = 1000; p.Spec.PreemptionPolicy = "Never"; }));

        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.", harness.LastFailure("high"));
        Assert.Empty(harness.Events.Preempted);
    }

    [Fact]
    public void Schedule_BindFails_PodUnassumedAndRetriedAfterBackoff()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"));
        harness.Binder.FailFor.Add("p");

        harness.Schedule(Objects.Pod("p", cpu: "800m"));
        Assert.Equal(("p", SchedulingMessages.ReasonSchedulerError, "Binding rejected: conflict"), Assert.Single(harness.Events.Failed));
        Assert.Equal(1, harness.Scheduler.Stats.Backoff);
        Assert.Equal(0, harness.Scheduler.Stats.Pods);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.RunCycles();

        Assert.Equal("a", harness.Binder.Bound["p"]);
        Assert.Contains(("p", "a"), harness.Events.Scheduled);
    }

    [Fact]
    public void Schedule_OtherSchedulerName_IsIgnored()
    {
        var harness = new Harness().Nodes(Objects.Node("a"));

        var placed = harness.Schedule(Objects.Pod("p", mutate: p => p.Spec!.SchedulerName = "someone-else"));

        Assert.Empty(placed);
        Assert.Equal(0, harness.Scheduler.Stats.Pending);
    }

    [Fact]
    public void Schedule_SchedulingGates_HeldUntilRemoved()
    {
        var harness = new Harness().Nodes(Objects.Node("a"));
        var pod = Objects.Pod("p", mutate: p => p.Spec!.SchedulingGates = [new PodSchedulingGate { Name = "wait" }]);

        Assert.Empty(harness.Schedule(pod));
        Assert.Equal(1, harness.Scheduler.Stats.Gated);

        pod.Spec!.SchedulingGates = [];
        Assert.Equal("a", harness.Schedule(pod)["p"]);
    }

    [Fact]
    public void Schedule_HostPortInUse_GoesToAnotherNode()
    {
        var harness = new Harness().Nodes(Objects.Node("a"), Objects.Node("b"));
        static void Port(Pod p) => p.Spec!.Containers![0].Ports = [new ContainerPort { HostPort = 8080, Port = 80 }];

        var placed = harness.Schedule(Objects.Pod("p1", mutate: Port), Objects.Pod("p2", mutate: Port), Objects.Pod("p3", mutate: Port));

        Assert.NotEqual(placed["p1"], placed["p2"]);
        Assert.Equal("0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.", harness.LastFailure("p3"));
    }

    internal static PodAffinityTerm Term(string app, string topologyKey) => new()
    {
        LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = app } },
        TopologyKey = topologyKey,
    };

    internal static Action<Pod> AntiAffinity(string app, string topologyKey) => p => p.Spec!.Affinity = new Affinity
    {
        PodAntiAffinity = new PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term(app, topologyKey)] },
    };
}
