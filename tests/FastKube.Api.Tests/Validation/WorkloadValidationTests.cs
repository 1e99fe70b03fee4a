using FastKube.Api.Apps;
using FastKube.Api.Meta;
using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class WorkloadValidationTests
{
    [Fact]
    public void Validate_DefaultedWorkloads_NoErrors()
    {
        Assert.Empty(Fixtures.Messages(Fixtures.Deployment()));
        Assert.Empty(Fixtures.Messages(Fixtures.ReplicaSet()));
        Assert.Empty(Fixtures.Messages(Fixtures.DaemonSet()));
        Assert.Empty(Fixtures.Messages(Fixtures.StatefulSet()));
        Assert.Empty(Fixtures.Messages(Fixtures.Job()));
    }

    public static TheoryData<string, Action<Deployment>, string[]> DeploymentCases => new()
    {
        { "no selector", d => d.Spec!.Selector = null, ["spec.selector FieldValueRequired"] },
        { "empty selector", d => d.Spec!.Selector = new LabelSelector(), ["spec.selector FieldValueInvalid"] },
        { "selector mismatch", d => d.Spec!.Selector!.MatchLabels!["app"] = "api", ["spec.template.metadata.labels FieldValueInvalid"] },
        { "negative replicas", d => d.Spec!.Replicas = -1, ["spec.replicas FieldValueInvalid"] },
        { "restart never", d => d.Spec!.Template!.Spec!.RestartPolicy = "Never", ["spec.template.spec.restartPolicy FieldValueNotSupported"] },
        { "both zero", d => { d.Spec!.Strategy!.RollingUpdate!.MaxSurge = 0; d.Spec.Strategy.RollingUpdate.MaxUnavailable = IntOrString.FromString("0%"); }, ["spec.strategy.rollingUpdate.maxUnavailable FieldValueInvalid"] },
        { "bad percent", d => d.Spec!.Strategy!.RollingUpdate!.MaxSurge = IntOrString.FromString("lots"), ["spec.strategy.rollingUpdate.maxSurge FieldValueInvalid"] },
        { "over 100 percent", d => d.Spec!.Strategy!.RollingUpdate!.MaxUnavailable = IntOrString.FromString("150%"), ["spec.strategy.rollingUpdate.maxUnavailable FieldValueInvalid"] },
        { "recreate with rolling", d => d.Spec!.Strategy!.Type = "Recreate", ["spec.strategy.rollingUpdate FieldValueForbidden"] },
        { "bad strategy", d => d.Spec!.Strategy!.Type = "BlueGreen", ["spec.strategy FieldValueNotSupported"] },
        { "negative history", d => d.Spec!.RevisionHistoryLimit = -1, ["spec.revisionHistoryLimit FieldValueInvalid"] },
        { "deadline below min ready", d => { d.Spec!.MinReadySeconds = 700; }, ["spec.progressDeadlineSeconds FieldValueInvalid"] },
        { "bad template container", d => d.Spec!.Template!.Spec!.Containers![0].Image = "", ["spec.template.spec.containers[0].image FieldValueRequired"] },
        { "bad template label", d => d.Spec!.Template!.Metadata!.Labels!["bad key!"] = "x", ["spec.template.labels FieldValueInvalid"] },
    };

    [Theory]
    [MemberData(nameof(DeploymentCases))]
    public void ValidateDeployment_OneViolation_ReportedAtItsField(string scenario, Action<Deployment> mutate, string[] expected)
    {
        Assert.NotEmpty(scenario);
        Assert.Equal(expected, Fixtures.FieldReasons(Fixtures.Deployment(mutate)));
    }

    [Fact]
    public void ValidateDeployment_SelectorMismatch_UpstreamMessage()
    {
        var deployment = Fixtures.Deployment(d => d.Spec!.Selector!.MatchLabels!["app"] = "api");
        Assert.Equal(
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
            Assert.Single(Fixtures.Messages(deployment)));
        Assert.Equal(
            "Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
            Validator.Validate(deployment).ToStatus("Deployment", "apps", "web").Message);
    }

    [Fact]
    public void ValidateReplicaSet_NoSelector_Required() =>
        Assert.Equal(["spec.selector FieldValueRequired"], Fixtures.FieldReasons(Fixtures.ReplicaSet(r => r.Spec!.Selector = null)));

    [Theory]
    [InlineData(1, 1, "spec.updateStrategy.rollingUpdate.maxSurge FieldValueInvalid")]
    [InlineData(0, 0, "spec.updateStrategy.rollingUpdate.maxUnavailable FieldValueRequired")]
    public void ValidateDaemonSet_SurgeAndUnavailable_ExactlyOneNonZero(int unavailable, int surge, string expected)
    {
        var ds = Fixtures.DaemonSet(d =>
        {
            d.Spec!.UpdateStrategy!.RollingUpdate!.MaxUnavailable = unavailable;
            d.Spec.UpdateStrategy.RollingUpdate.MaxSurge = surge;
        });
        Assert.Equal([expected], Fixtures.FieldReasons(ds));
    }

    [Fact]
    public void ValidateDaemonSet_SelectorMismatchAndBadStrategy_BothReported() =>
        Assert.Equal(
            ["spec.template.metadata.labels FieldValueInvalid", "spec.updateStrategy FieldValueNotSupported"],
            Fixtures.FieldReasons(Fixtures.DaemonSet(d =>
            {
                d.Spec!.Selector!.MatchLabels!["app"] = "other";
                d.Spec.UpdateStrategy!.Type = "Sometimes";
            })));

    [Fact]
    public void ValidateDaemonSet_NoSelector_RequiredAndMismatch() =>
        Assert.Equal(
            ["spec.selector FieldValueRequired", "spec.template.metadata.labels FieldValueInvalid"],
            Fixtures.FieldReasons(Fixtures.DaemonSet(d => d.Spec!.Selector = null)));

    [Fact]
    public void ValidateStatefulSet_Violations_AllReported() =>
        Assert.Equal(
            ["spec.podManagementPolicy FieldValueInvalid", "spec.updateStrategy.rollingUpdate.partition FieldValueInvalid", "spec.persistentVolumeClaimRetentionPolicy.whenDeleted FieldValueNotSupported", "spec.replicas FieldValueInvalid"],
            Fixtures.FieldReasons(Fixtures.StatefulSet(s =>
            {
                s.Spec!.PodManagementPolicy = "Random";
                s.Spec.UpdateStrategy!.RollingUpdate!.Partition = -1;
                s.Spec.PersistentVolumeClaimRetentionPolicy!.WhenDeleted = "Keep";
                s.Spec.Replicas = -2;
            })));

    [Fact]
    public void ValidateStatefulSet_DottedName_NotADnsLabel() =>
        Assert.Equal(["metadata.name FieldValueInvalid"], Fixtures.FieldReasons(Fixtures.StatefulSet(s => s.Metadata!.Name = "db.primary")));

    [Fact]
    public void ValidateJob_Violations_AllReported()
    {
        var job = Fixtures.Job(j =>
        {
            j.Spec!.Template!.Spec!.RestartPolicy = "Always";
            j.Spec.BackoffLimit = -1;
            j.Spec.Parallelism = -1;
            j.Spec.CompletionMode = "Sometimes";
        });
        Assert.Equal(
            ["spec.parallelism FieldValueInvalid", "spec.backoffLimit FieldValueInvalid", "spec.completionMode FieldValueNotSupported", "spec.template.spec.restartPolicy FieldValueNotSupported"],
            Fixtures.FieldReasons(job));
        Assert.Contains(
            "spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"",
            Fixtures.Messages(job));
    }

    [Fact]
    public void ValidateJob_SelectorNotMatchingTemplate_Invalid() =>
        Assert.Equal(
            ["spec.template.metadata.labels FieldValueInvalid"],
            Fixtures.FieldReasons(Fixtures.Job(j => j.Spec!.Selector!.MatchLabels!["batch.kubernetes.io/controller-uid"] = "other")));

    [Fact]
    public void ValidateUpdate_DeploymentSelectorChanged_Immutable()
    {
        var old = Fixtures.Deployment();
        var next = Fixtures.Deployment(d =>
        {
            d.Spec!.Selector!.MatchLabels!["tier"] = "front";
            d.Spec.Template!.Metadata!.Labels!["tier"] = "front";
        });
        Assert.Equal("spec.selector: Invalid value: app=web,tier=front: field is immutable", Assert.Single(Validator.ValidateUpdate(next, old)).ToString());
        Assert.Empty(Validator.ValidateUpdate(Fixtures.Deployment(d => d.Spec!.Replicas = 5), old));
    }

    [Fact]
    public void ValidateUpdate_StatefulSetServiceName_Forbidden()
    {
        var error = Assert.Single(Validator.ValidateUpdate(Fixtures.StatefulSet(s => s.Spec!.ServiceName = "other"), Fixtures.StatefulSet()));
        Assert.Equal(FieldErrorType.Forbidden, error.Type);
        Assert.Equal("spec", error.Field);
    }
}
