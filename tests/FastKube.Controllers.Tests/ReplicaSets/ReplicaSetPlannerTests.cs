using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.ReplicaSets;

namespace FastKube.Controllers.Tests.ReplicaSets;

public sealed class ReplicaSetPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static ReplicaSet Set(int replicas, int minReadySeconds = 0) => new()
    {
        Metadata = new ObjectMeta { Name = "web-abc", Namespace = "shop", Uid = "rs-uid", Generation = 4 },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            MinReadySeconds = minReadySeconds,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web", ["tier"] = "front" }, Annotations = new() { ["note"] = "x" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx" }] },
            },
        },
    };

    private static Pod Pod(string name, bool ready = true, TimeSpan? readyFor = null, string phase = PodPhases.Running, bool deleting = false, bool fullyLabeled = true) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Uid = name,
            CreationTimestamp = Now.AddHours(-1),
            DeletionTimestamp = deleting ? Now : null,
            Labels = fullyLabeled ? new() { ["app"] = "web", ["tier"] = "front" } : new() { ["app"] = "web" },
        },
        Spec = new PodSpec { NodeName = "n1" },
        Status = new PodStatus
        {
            Phase = phase,
            Conditions = [new PodCondition { Type = PodConditionTypes.Ready, Status = ready ? "True" : "False", LastTransitionTime = Now - (readyFor ?? TimeSpan.FromMinutes(10)) }],
        },
    };

    [Fact]
    public void Plan_TooFew_CreatesTheDifferenceIgnoringTerminalAndDeletingPods()
    {
        var plan = ReplicaSetPlanner.Plan(Set(5), [Pod("a"), Pod("done", phase: PodPhases.Succeeded), Pod("going", deleting: true)], [], Now);

        Assert.Equal(4, plan.Create);
        Assert.Empty(plan.Delete);
        Assert.Equal(1, plan.Status.Replicas);
    }

    [Fact]
    public void Plan_TooMany_DeletesTheLeastValuablePods()
    {
        var plan = ReplicaSetPlanner.Plan(Set(2), [Pod("ready-a"), Pod("notready", ready: false), Pod("ready-b"), Pod("ready-c")], [], Now);

        Assert.Equal(0, plan.Create);
        Assert.Equal(2, plan.Delete.Count);
        Assert.Equal("notready", plan.Delete[0].Metadata!.Name);
    }

    [Fact]
    public void Plan_HugeDifference_IsCappedAtTheBurst()
    {
        Assert.Equal(ReplicaSetPlanner.BurstReplicas, ReplicaSetPlanner.Plan(Set(10_000), [], [], Now).Create);
    }

    [Fact]
    public void Status_CountsFullyLabeledReadyAndAvailableAfterMinReadySeconds()
    {
        var status = ReplicaSetPlanner.Plan(Set(4, minReadySeconds: 60), [Pod("old"), Pod("fresh", readyFor: TimeSpan.FromSeconds(5)), Pod("notready", ready: false), Pod("partial", fullyLabeled: false)], [], Now).Status;

        Assert.Equal((4, 3, 3, 2, 4L), (status.Replicas!.Value, status.FullyLabeledReplicas!.Value, status.ReadyReplicas!.Value, status.AvailableReplicas!.Value, status.ObservedGeneration!.Value));
    }

    [Fact]
    public void PodFromTemplate_CarriesTemplateMetadataGenerateNameAndControllerReference()
    {
        var replicaSet = Set(1);

        var pod = ReplicaSetPlanner.PodFromTemplate(replicaSet);

        Assert.Equal(("web-abc-", "shop", "front", "x"), (pod.Metadata!.GenerateName, pod.Metadata.Namespace, pod.Metadata.Labels!["tier"], pod.Metadata.Annotations!["note"]));
        var owner = Assert.Single(pod.Metadata.OwnerReferences!);
        Assert.Equal(("ReplicaSet", "apps/v1", "rs-uid", true), (owner.Kind, owner.ApiVersion, owner.Uid, owner.Controller == true));
        pod.Spec!.Containers![0].Image = "changed";
        Assert.Equal("nginx", replicaSet.Spec!.Template!.Spec!.Containers![0].Image);
    }
}
