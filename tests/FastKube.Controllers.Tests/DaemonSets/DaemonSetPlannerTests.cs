using FastKube.Api;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;
using FastKube.Controllers.DaemonSets;

namespace FastKube.Controllers.Tests.DaemonSets;

public sealed class DaemonSetPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static DaemonSet Set(Action<DaemonSet>? change = null)
    {
        var ds = new DaemonSet
        {
            Metadata = new ObjectMeta { Name = "agent", Namespace = "kube-system", Uid = "ds-uid", Generation = 2 },
            Spec = new DaemonSetSpec
            {
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "agent" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "agent" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "a", Image = "agent:1" }] },
                },
                UpdateStrategy = new DaemonSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = new IntOrString(1), MaxSurge = new IntOrString(0) } },
            },
        };
        change?.Invoke(ds);
        return ds;
    }

    private static Node Node(string name, Dictionary<string, string>? labels = null, params Taint[] taints) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Spec = new NodeSpec { Taints = [.. taints] },
    };

    private static Pod Pod(string node, string hash, bool ready = true, string name = "p", int ageMinutes = 10) => new()
    {
        Metadata = new ObjectMeta { Name = name + "-" + node, Uid = name + node, CreationTimestamp = Now.AddMinutes(-ageMinutes), Labels = new() { [Revisions.HashLabel] = hash } },
        Spec = new PodSpec { NodeName = node },
        Status = new PodStatus { Phase = "Running", Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = Now.AddMinutes(-5) }] },
    };

    public static TheoryData<string, Node, bool, bool> Eligibility => new()
    {
        { "plain node", Node("n"), true, true },
        { "nodeSelector mismatch", Node("n", new() { ["disk"] = "hdd" }), false, false },
        { "untolerated NoSchedule", Node("n", null, new Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }), false, true },
        { "untolerated NoExecute", Node("n", null, new Taint { Key = "dedicated", Value = "gpu", Effect = "NoExecute" }), false, false },
        { "PreferNoSchedule ignored", Node("n", null, new Taint { Key = "dedicated", Effect = "PreferNoSchedule" }), true, true },
        { "unreachable tolerated by default", Node("n", null, new Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoExecute" }), true, true },
        { "unschedulable tolerated by default", Node("n", null, new Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" }), true, true },
        { "network-unavailable needs hostNetwork", Node("n", null, new Taint { Key = "node.kubernetes.io/network-unavailable", Effect = "NoSchedule" }), false, true },
    };

    [Theory]
    [MemberData(nameof(Eligibility))]
    public void Fits_NodeVariants_AsUpstreamDaemonController(string _, Node node, bool shouldRun, bool shouldContinue)
    {
        var ds = Set(d => d.Spec!.Template!.Spec!.NodeSelector = node.Metadata!.Labels is null ? null : new() { ["disk"] = "ssd" });

        Assert.Equal((shouldRun, shouldContinue), DaemonPods.Fits(DaemonPods.Spec(ds), node));
    }

    [Fact]
    public void Fits_RequiredAffinityTerms_AreOredAndMatchExpressions()
    {
        var ds = Set(d => d.Spec!.Template!.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "zone", Operator = "In", Values = ["a", "b"] }] },
                        new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "cpu", Operator = "Gt", Values = ["8"] }] },
                    ],
                },
            },
        });
        var spec = DaemonPods.Spec(ds);

        Assert.True(DaemonPods.Fits(spec, Node("n", new() { ["zone"] = "b" })).ShouldRun);
        Assert.True(DaemonPods.Fits(spec, Node("n", new() { ["cpu"] = "16" })).ShouldRun);
        Assert.False(DaemonPods.Fits(spec, Node("n", new() { ["zone"] = "c", ["cpu"] = "4" })).ShouldRun);
    }

    [Fact]
    public void Plan_TwoNodesNoPods_CreatesOnePinnedPodPerNode()
    {
        var plan = DaemonSetPlanner.Plan(Set(), [Node("n1"), Node("n2")], [], "h1", Now);

        Assert.Equal(["n1", "n2"], plan.Create.Select(DaemonPods.TargetNode));
        var pod = plan.Create[0];
        Assert.Null(pod.Spec!.NodeName);
        Assert.Equal(("h1", "2"), (pod.Metadata!.Labels![Revisions.HashLabel], pod.Metadata.Labels[DaemonPods.TemplateGenerationLabel]));
        Assert.Contains(pod.Spec.Tolerations!, t => t.Key == "node.kubernetes.io/unreachable" && t.Effect == "NoExecute" && t.Operator == "Exists");
        Assert.Equal(6, pod.Spec.Tolerations!.Count);
        Assert.Equal((2, 0), (plan.Status.DesiredNumberScheduled, plan.Status.CurrentNumberScheduled));
    }

    [Fact]
    public void Plan_PodOnNodeThatNoLongerFits_IsDeletedAndCountedMisscheduled()
    {
        var tainted = Node("n1", null, new Taint { Key = "evict", Effect = "NoExecute" });

        var plan = DaemonSetPlanner.Plan(Set(), [tainted, Node("n2")], [Pod("n1", "h1"), Pod("n2", "h1"), Pod("n2", "h1", name: "dup", ageMinutes: 1)], "h1", Now);

        Assert.Equal(["p-n1", "dup-n2"], plan.Delete.Select(p => p.Metadata!.Name));
        Assert.Empty(plan.Create);
        Assert.Equal((1, 1, 1, 1), (plan.Status.DesiredNumberScheduled, plan.Status.NumberMisscheduled, plan.Status.NumberAvailable, plan.Status.UpdatedNumberScheduled));
    }

    [Fact]
    public void Plan_RollingUpdateWithoutSurge_ReplacesAtMostMaxUnavailableAndUnavailableOldPodsFreely()
    {
        var ds = Set(d => d.Spec!.UpdateStrategy!.RollingUpdate!.MaxUnavailable = new IntOrString(2));

        var plan = DaemonSetPlanner.Plan(ds, [Node("n1"), Node("n2"), Node("n3")], [Pod("n1", "old"), Pod("n2", "old"), Pod("n3", "old", ready: false)], "new", Now);

        // n3's old pod is unavailable anyway: replaced at once, and it uses one of the two slots.
        Assert.Equal(["p-n3", "p-n1"], plan.Delete.Select(p => p.Metadata!.Name));
        Assert.Empty(plan.Create);
        Assert.Equal(0, plan.Status.UpdatedNumberScheduled);
    }

    [Fact]
    public void Plan_RollingUpdateWithSurge_StartsNewBesideOldThenDeletesOldOnceAvailable()
    {
        var ds = Set(d => d.Spec!.UpdateStrategy!.RollingUpdate = new RollingUpdateDaemonSet { MaxSurge = new IntOrString(1), MaxUnavailable = new IntOrString(0) });

        var first = DaemonSetPlanner.Plan(ds, [Node("n1"), Node("n2")], [Pod("n1", "old"), Pod("n2", "old")], "new", Now);
        Assert.Equal(["n1"], first.Create.Select(DaemonPods.TargetNode));
        Assert.Empty(first.Delete);

        var waiting = DaemonSetPlanner.Plan(ds, [Node("n1"), Node("n2")], [Pod("n1", "old"), Pod("n1", "new", ready: false, name: "q", ageMinutes: 6), Pod("n2", "old")], "new", Now);
        Assert.Empty(waiting.Delete);
        Assert.Empty(waiting.Create);

        var second = DaemonSetPlanner.Plan(ds, [Node("n1"), Node("n2")], [Pod("n1", "old"), Pod("n1", "new", name: "q", ageMinutes: 6), Pod("n2", "old")], "new", Now);
        Assert.Equal(["p-n1"], second.Delete.Select(p => p.Metadata!.Name));
        Assert.Equal(["n2"], second.Create.Select(DaemonPods.TargetNode));
    }

    [Fact]
    public void Plan_OnDelete_LeavesOldPodsAlone()
    {
        var ds = Set(d => d.Spec!.UpdateStrategy = new DaemonSetUpdateStrategy { Type = "OnDelete" });

        var plan = DaemonSetPlanner.Plan(ds, [Node("n1")], [Pod("n1", "old")], "new", Now);

        Assert.Empty(plan.Delete);
        Assert.Empty(plan.Create);
    }
}
