using FastKube.Api;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Deployments;

namespace FastKube.Controllers.Tests.Deployments;

public sealed class DeploymentPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Deployment Deployment(string image, int replicas = 3, string strategy = DeploymentStrategyTypes.RollingUpdate, bool paused = false, int historyLimit = 10)
    {
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "shop", Uid = "d-uid", Generation = 1, Annotations = new() { ["team"] = "a", ["kubectl.kubernetes.io/last-applied-configuration"] = "{}" } },
            Spec = new DeploymentSpec
            {
                Replicas = replicas,
                Paused = paused,
                RevisionHistoryLimit = historyLimit,
                ProgressDeadlineSeconds = 600,
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image }] },
                },
                Strategy = new DeploymentStrategy
                {
                    Type = strategy,
                    RollingUpdate = strategy == DeploymentStrategyTypes.RollingUpdate ? new RollingUpdateDeployment { MaxSurge = new IntOrString("25%"), MaxUnavailable = new IntOrString("25%") } : null,
                },
            },
            Status = new DeploymentStatus { ObservedGeneration = 1 },
        };
        return deployment;
    }

    // A ReplicaSet the controller made earlier for `image`, with its pods' observed state.
    private static ReplicaSet Set(string image, long revision, int replicas, int observed, int available, int ageMinutes)
    {
        var rs = ReplicaSetTemplates.NewReplicaSet(Deployment(image), replicas, revision, 1);
        rs.Metadata!.CreationTimestamp = Now.AddMinutes(-ageMinutes);
        rs.Status = new ReplicaSetStatus { Replicas = observed, ReadyReplicas = available, AvailableReplicas = available };
        return rs;
    }

    [Fact]
    public void Plan_NewDeployment_CreatesRevisionOneWithHashedNameSelectorAndCopiedAnnotations()
    {
        var deployment = Deployment("nginx:1.27");

        var plan = DeploymentPlanner.Plan(deployment, [], Now);

        var created = Assert.IsType<ReplicaSet>(plan.Create);
        var hash = created.Spec!.Template!.Metadata!.Labels![PodTemplateHash.Label];
        Assert.Equal($"web-{hash}", created.Metadata!.Name);
        Assert.Equal(hash, created.Spec.Selector!.MatchLabels![PodTemplateHash.Label]);
        Assert.Equal(3, created.Spec.Replicas);
        Assert.Equal("1", created.Metadata.Annotations![ReplicaSetTemplates.RevisionAnnotation]);
        Assert.Equal(1, plan.Revision);
        Assert.Equal(("3", "4"), (created.Metadata.Annotations[ReplicaSetTemplates.DesiredReplicasAnnotation], created.Metadata.Annotations[ReplicaSetTemplates.MaxReplicasAnnotation]));
        Assert.Equal("a", created.Metadata.Annotations["team"]);
        Assert.False(created.Metadata.Annotations.ContainsKey("kubectl.kubernetes.io/last-applied-configuration"));
        Assert.Equal(("Deployment", "web", true), (created.Metadata.OwnerReferences![0].Kind, created.Metadata.OwnerReferences[0].Name, created.Metadata.OwnerReferences[0].Controller == true));
        var progressing = plan.Status.Conditions!.Single(c => c.Type == DeploymentConditionTypes.Progressing);
        Assert.Equal(("NewReplicaSetCreated", $"Created new replica set \"web-{hash}\""), (progressing.Reason, progressing.Message));
    }

    [Fact]
    public void Plan_ImageChange_NewSetStartsWithinTheSurge()
    {
        var deployment = Deployment("nginx:1.28");
        var old = Set("nginx:1.27", 1, 3, 3, 3, 10);

        var plan = DeploymentPlanner.Plan(deployment, [old], Now);

        Assert.Equal(1, plan.Create!.Spec!.Replicas);
        Assert.Equal("2", plan.Create.Metadata!.Annotations![ReplicaSetTemplates.RevisionAnnotation]);
        Assert.Empty(plan.Update);
    }

    [Fact]
    public void Plan_NewPodsNotAvailableYet_OldSetWaits()
    {
        var deployment = Deployment("nginx:1.28");
        ReplicaSet[] owned = [Set("nginx:1.27", 1, 3, 3, 3, 10), Set("nginx:1.28", 2, 1, 1, 0, 1)];

        var plan = DeploymentPlanner.Plan(deployment, owned, Now);

        Assert.Null(plan.Create);
        Assert.Empty(plan.Update);
        Assert.Equal((4, 1, 0), (plan.Status.Replicas, plan.Status.UpdatedReplicas, plan.Status.UnavailableReplicas));
    }

    [Fact]
    public void Plan_NewPodAvailable_OldSetScalesDownByOne()
    {
        var deployment = Deployment("nginx:1.28");
        ReplicaSet[] owned = [Set("nginx:1.27", 1, 3, 3, 3, 10), Set("nginx:1.28", 2, 1, 1, 1, 1)];

        var plan = DeploymentPlanner.Plan(deployment, owned, Now);

        var scaled = Assert.Single(plan.Update);
        Assert.Equal((owned[0].Metadata!.Name, 2), (scaled.Metadata!.Name, scaled.Spec!.Replicas));
        Assert.Equal(3, owned[0].Spec!.Replicas);
    }

    [Fact]
    public void Plan_Complete_PrunesEmptyOldSetsBeyondTheHistoryLimit()
    {
        var deployment = Deployment("nginx:1.29", historyLimit: 1);
        ReplicaSet[] owned = [Set("nginx:1.27", 1, 0, 0, 0, 30), Set("nginx:1.28", 2, 0, 0, 0, 20), Set("nginx:1.29", 3, 3, 3, 3, 10)];

        var plan = DeploymentPlanner.Plan(deployment, owned, Now);

        Assert.Equal("1", ReplicaSetTemplates.Revision(Assert.Single(plan.Delete)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var progressing = plan.Status.Conditions!.Single(c => c.Type == DeploymentConditionTypes.Progressing);
        Assert.Equal("NewReplicaSetAvailable", progressing.Reason);
        Assert.Equal("True", plan.Status.Conditions!.Single(c => c.Type == DeploymentConditionTypes.Available).Status);
    }

    [Fact]
    public void Plan_RollbackToAnOldTemplate_MakesItTheNewestRevisionAndRemembersTheOldOne()
    {
        var deployment = Deployment("nginx:1.27");
        ReplicaSet[] owned = [Set("nginx:1.27", 1, 0, 0, 0, 20), Set("nginx:1.28", 2, 3, 3, 3, 10)];

        var plan = DeploymentPlanner.Plan(deployment, owned, Now);

        var revived = plan.Update.Single(rs => rs.Metadata!.Name == owned[0].Metadata!.Name);
        Assert.Equal("3", revived.Metadata!.Annotations![ReplicaSetTemplates.RevisionAnnotation]);
        Assert.Equal("1", revived.Metadata.Annotations[ReplicaSetTemplates.RevisionHistoryAnnotation]);
        Assert.Equal(3, plan.Revision);
        Assert.Equal(1, revived.Spec!.Replicas);
    }

    [Fact]
    public void Plan_Recreate_ScalesOldToZeroThenWaitsForItsPodsThenStartsTheNewSet()
    {
        var deployment = Deployment("nginx:1.28", strategy: DeploymentStrategyTypes.Recreate);

        var first = DeploymentPlanner.Plan(deployment, [Set("nginx:1.27", 1, 3, 3, 3, 10)], Now);
        Assert.Equal(0, Assert.Single(first.Update).Spec!.Replicas);
        Assert.Null(first.Create);

        var waiting = DeploymentPlanner.Plan(deployment, [Set("nginx:1.27", 1, 0, 2, 0, 10)], Now);
        Assert.True(waiting.Update.Count == 0 && waiting.Create is null);

        var started = DeploymentPlanner.Plan(deployment, [Set("nginx:1.27", 1, 0, 0, 0, 10)], Now);
        Assert.Equal(3, started.Create!.Spec!.Replicas);
    }

    [Fact]
    public void Plan_Paused_DoesNotRollOutButFollowsScale()
    {
        var deployment = Deployment("nginx:1.28", replicas: 5, paused: true);
        var current = Set("nginx:1.27", 1, 3, 3, 3, 10);

        var plan = DeploymentPlanner.Plan(deployment, [current], Now);

        Assert.Null(plan.Create);
        Assert.Empty(plan.Update);
        Assert.Equal("DeploymentPaused", plan.Status.Conditions!.Single(c => c.Type == DeploymentConditionTypes.Progressing).Reason);

        var samePaused = Deployment("nginx:1.27", replicas: 5, paused: true);
        Assert.Equal(5, Assert.Single(DeploymentPlanner.Plan(samePaused, [current], Now).Update).Spec!.Replicas);
    }

    [Fact]
    public void Plan_NoProgressPastTheDeadline_ReportsProgressDeadlineExceeded()
    {
        var deployment = Deployment("nginx:1.28");
        deployment.Status = new DeploymentStatus
        {
            ObservedGeneration = 1,
            Replicas = 4,
            UpdatedReplicas = 1,
            ReadyReplicas = 3,
            AvailableReplicas = 3,
            Conditions = [new DeploymentCondition { Type = DeploymentConditionTypes.Progressing, Status = "True", Reason = "ReplicaSetUpdated", LastUpdateTime = Now.AddMinutes(-11), LastTransitionTime = Now.AddMinutes(-11) }],
        };
        ReplicaSet[] owned = [Set("nginx:1.27", 1, 3, 3, 3, 20), Set("nginx:1.28", 2, 1, 1, 0, 11)];

        var plan = DeploymentPlanner.Plan(deployment, owned, Now);

        var progressing = plan.Status.Conditions!.Single(c => c.Type == DeploymentConditionTypes.Progressing);
        Assert.Equal(("False", "ProgressDeadlineExceeded"), (progressing.Status, progressing.Reason));
        Assert.Equal(Now, progressing.LastTransitionTime);
    }

    [Fact]
    public void EqualIgnoringHash_LabelOrderAndHashLabel_DoNotMatter()
    {
        var a = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["a"] = "1", ["b"] = "2" } } };
        var b = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["b"] = "2", [PodTemplateHash.Label] = "xyz", ["a"] = "1" } } };
        var c = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["a"] = "1", ["b"] = "3" } } };

        Assert.True(ReplicaSetTemplates.EqualIgnoringHash(a, b));
        Assert.False(ReplicaSetTemplates.EqualIgnoringHash(a, c));

        // What kubectl rollout undo sends back: the same template with Go's empty structs spelled out.
        var spelled = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["a"] = "1", ["b"] = "2" } }, Spec = new PodSpec { Containers = [new Container { Name = "c", Resources = new ResourceRequirements(), Command = [] }] } };
        var plain = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["b"] = "2", ["a"] = "1" } }, Spec = new PodSpec { Containers = [new Container { Name = "c" }] } };
        Assert.True(ReplicaSetTemplates.EqualIgnoringHash(spelled, plain));
        Assert.Equal(PodTemplateHash.Compute(spelled, null), PodTemplateHash.Compute(plain, null));
    }
}
