using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;
using FastKube.Controllers.StatefulSets;

namespace FastKube.Controllers.Tests.StatefulSets;

public sealed class StatefulSetPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly StatefulRevision V1 = new("web-v1", Template("nginx:1"));
    private static readonly StatefulRevision V2 = new("web-v2", Template("nginx:2"));

    private static PodTemplateSpec Template(string image) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image }] },
    };

    private static StatefulSet Set(int replicas, string policy = PodManagementPolicies.OrderedReady, int partition = 0, string strategy = "RollingUpdate") => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "sts-uid", Generation = 1 },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = "web-headless",
            PodManagementPolicy = policy,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = Template("nginx:1"),
            UpdateStrategy = new StatefulSetUpdateStrategy { Type = strategy, RollingUpdate = strategy == "RollingUpdate" ? new RollingUpdateStatefulSetStrategy { Partition = partition } : null },
        },
    };

    private static Pod Pod(int ordinal, bool ready = true, string revision = "web-v1", string phase = PodPhases.Running) => new()
    {
        Metadata = new ObjectMeta { Name = "web-" + ordinal, Uid = "u" + ordinal, Labels = new() { [Revisions.HashLabel] = revision } },
        Status = new PodStatus { Phase = phase, Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    private static List<string?> Names(IEnumerable<Pod> pods) => pods.Select(p => p.Metadata!.Name).ToList();

    public static TheoryData<string, StatefulSet, Pod[], string[], string[]> Steps => new()
    {
        { "ordered: first pod only", Set(3), [], ["web-0"], [] },
        { "ordered: waits for web-0 to be ready", Set(3), [Pod(0, ready: false)], [], [] },
        { "ordered: next after a ready pod", Set(3), [Pod(0)], ["web-1"], [] },
        { "parallel: all at once", Set(3, PodManagementPolicies.Parallel), [], ["web-0", "web-1", "web-2"], [] },
        { "ordered: scale down highest first, one at a time", Set(1), [Pod(0), Pod(1), Pod(2)], [], ["web-2"] },
        { "ordered: scale down waits for unhealthy replicas", Set(1), [Pod(0, ready: false), Pod(1), Pod(2)], [], [] },
        { "parallel: scale down all condemned", Set(1, PodManagementPolicies.Parallel), [Pod(0), Pod(1), Pod(2)], [], ["web-2", "web-1"] },
        { "failed pod is deleted to be remade", Set(2), [Pod(0, phase: PodPhases.Failed), Pod(1)], [], ["web-0"] },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Plan_ScalingSteps_FollowPodManagementPolicy(string _, StatefulSet set, Pod[] pods, string[] created, string[] deleted)
    {
        var plan = StatefulSetPlanner.Plan(set, pods, V1, V1, Now);

        Assert.Equal(created, Names(plan.Create));
        Assert.Equal(deleted, Names(plan.Delete));
    }

    [Fact]
    public void New_Pod_HasStableIdentity()
    {
        var pod = Assert.Single(StatefulSetPlanner.Plan(Set(1), [], V1, V1, Now).Create);

        Assert.Equal(("web-0", "web-0", "web-headless"), (pod.Metadata!.Name, pod.Spec!.Hostname, pod.Spec.Subdomain));
        Assert.Equal(("web-0", "0", "web-v1"), (pod.Metadata.Labels![StatefulPods.PodNameLabel], pod.Metadata.Labels[StatefulPods.PodIndexLabel], pod.Metadata.Labels[Revisions.HashLabel]));
        Assert.Null(pod.Metadata.GenerateName);
    }

    [Fact]
    public void Plan_RollingUpdate_ReplacesHighestOrdinalFirstDownToThePartition()
    {
        var set = Set(3, partition: 1);

        var first = StatefulSetPlanner.Plan(set, [Pod(0), Pod(1), Pod(2)], V1, V2, Now);
        Assert.Equal(["web-2"], Names(first.Delete));

        var remade = StatefulSetPlanner.Plan(set, [Pod(0), Pod(1)], V1, V2, Now);
        Assert.Equal("web-v2", StatefulPods.Revision(Assert.Single(remade.Create)));

        var next = StatefulSetPlanner.Plan(set, [Pod(0), Pod(1), Pod(2, revision: "web-v2")], V1, V2, Now);
        Assert.Equal(["web-1"], Names(next.Delete));

        var belowPartition = StatefulSetPlanner.Plan(set, [Pod(0), Pod(1, revision: "web-v2"), Pod(2, revision: "web-v2")], V1, V2, Now);
        Assert.Empty(belowPartition.Delete);
        Assert.Equal((1, 2, "web-v1"), (belowPartition.Status.CurrentReplicas, belowPartition.Status.UpdatedReplicas, belowPartition.Status.CurrentRevision));

        var remadeBelow = StatefulSetPlanner.Plan(set, [Pod(1, revision: "web-v2"), Pod(2, revision: "web-v2")], V1, V2, Now);
        Assert.Equal("web-v1", StatefulPods.Revision(Assert.Single(remadeBelow.Create)));
    }

    [Fact]
    public void Plan_RollingUpdateWaitsForTheReplacedPodToBeReady()
    {
        var plan = StatefulSetPlanner.Plan(Set(3), [Pod(0), Pod(1), Pod(2, ready: false, revision: "web-v2")], V1, V2, Now);

        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void Plan_OnDelete_LeavesOldPodsAlone()
    {
        var plan = StatefulSetPlanner.Plan(Set(2, strategy: "OnDelete"), [Pod(0), Pod(1)], V1, V2, Now);

        Assert.Empty(plan.Delete);
        Assert.Equal(("web-v1", "web-v2", 0), (plan.Status.CurrentRevision, plan.Status.UpdateRevision, plan.Status.UpdatedReplicas));
    }

    [Fact]
    public void Status_AllUpdatedAndReady_MakesUpdateRevisionCurrent()
    {
        var plan = StatefulSetPlanner.Plan(Set(2), [Pod(0, revision: "web-v2"), Pod(1, revision: "web-v2")], V1, V2, Now);

        Assert.Equal((2, 2, 2, "web-v2", "web-v2"), (plan.Status.Replicas, plan.Status.ReadyReplicas, plan.Status.CurrentReplicas, plan.Status.CurrentRevision, plan.Status.UpdateRevision));
    }
}
