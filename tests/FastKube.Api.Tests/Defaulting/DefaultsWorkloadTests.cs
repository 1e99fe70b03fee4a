using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Discovery;
using Discovery = FastKube.Api.Discovery;
using FastKube.Api.Meta;

namespace FastKube.Api.Tests.Defaulting;

public sealed class DefaultsWorkloadTests
{
    private static PodTemplateSpec Template() => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx:1.27" }] },
    };

    [Fact]
    public void ApplyDeployment_Empty_UpstreamDefaults()
    {
        var deployment = new Deployment { Metadata = new ObjectMeta { Name = "web" }, Spec = new DeploymentSpec { Template = Template() } };
        Defaults.Apply(deployment);
        var spec = deployment.Spec!;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal("RollingUpdate", spec.Strategy!.Type);
        Assert.Equal(IntOrString.FromString("25%"), spec.Strategy.RollingUpdate!.MaxUnavailable);
        Assert.Equal(IntOrString.FromString("25%"), spec.Strategy.RollingUpdate.MaxSurge);
        Assert.Equal(10, spec.RevisionHistoryLimit);
        Assert.Equal(600, spec.ProgressDeadlineSeconds);
        Assert.Equal("IfNotPresent", spec.Template!.Spec!.Containers![0].ImagePullPolicy);
        Assert.Equal("Always", spec.Template.Spec.RestartPolicy);
    }

    [Fact]
    public void ApplyDeployment_Recreate_NoRollingUpdateBlock()
    {
        var deployment = new Deployment { Spec = new DeploymentSpec { Strategy = new DeploymentStrategy { Type = "Recreate" } } };
        Defaults.Apply(deployment);
        Assert.Null(deployment.Spec!.Strategy!.RollingUpdate);
    }

    [Fact]
    public void ApplyReplicaSet_Empty_OneReplica()
    {
        var rs = new ReplicaSet { Spec = new ReplicaSetSpec { Template = Template() } };
        Defaults.Apply(rs);
        Assert.Equal(1, rs.Spec!.Replicas);
        Assert.Equal("ClusterFirst", rs.Spec.Template!.Spec!.DnsPolicy);
    }

    [Fact]
    public void ApplyDaemonSet_Empty_RollingUpdateOneZero()
    {
        var ds = new DaemonSet { Spec = new DaemonSetSpec { Template = Template() } };
        Defaults.Apply(ds);
        Assert.Equal("RollingUpdate", ds.Spec!.UpdateStrategy!.Type);
        Assert.Equal(IntOrString.FromInt32(1), ds.Spec.UpdateStrategy.RollingUpdate!.MaxUnavailable);
        Assert.Equal(IntOrString.FromInt32(0), ds.Spec.UpdateStrategy.RollingUpdate.MaxSurge);
        Assert.Equal(10, ds.Spec.RevisionHistoryLimit);
    }

    [Fact]
    public void ApplyStatefulSet_Empty_UpstreamDefaults()
    {
        var sts = new StatefulSet { Spec = new StatefulSetSpec { Template = Template() } };
        Defaults.Apply(sts);
        var spec = sts.Spec!;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal("OrderedReady", spec.PodManagementPolicy);
        Assert.Equal("RollingUpdate", spec.UpdateStrategy!.Type);
        Assert.Equal(0, spec.UpdateStrategy.RollingUpdate!.Partition);
        Assert.Null(spec.UpdateStrategy.RollingUpdate.MaxUnavailable);
        Assert.Equal(("Retain", "Retain"), (spec.PersistentVolumeClaimRetentionPolicy!.WhenDeleted, spec.PersistentVolumeClaimRetentionPolicy.WhenScaled));
        Assert.Equal(10, spec.RevisionHistoryLimit);
    }

    [Theory]
    [InlineData(null, null, 1, 1)]
    [InlineData(5, null, 5, 1)]
    [InlineData(null, 3, null, 3)]
    [InlineData(4, 2, 4, 2)]
    public void ApplyJob_CompletionsParallelism_UpstreamRules(int? completions, int? parallelism, int? expectedCompletions, int expectedParallelism)
    {
        var job = new Job { Metadata = new ObjectMeta { Name = "j" }, Spec = new JobSpec { Completions = completions, Parallelism = parallelism, Template = Template() } };
        Defaults.Apply(job);
        Assert.Equal(expectedCompletions, job.Spec!.Completions);
        Assert.Equal(expectedParallelism, job.Spec.Parallelism);
        Assert.Equal(6, job.Spec.BackoffLimit);
        Assert.Equal("NonIndexed", job.Spec.CompletionMode);
        Assert.False(job.Spec.Suspend);
        Assert.Null(job.Spec.ManualSelector);
        Assert.Equal("web", job.Metadata!.Labels!["app"]);
    }

    [Fact]
    public void ApplyEndpointSlice_Port_ProtocolTcp()
    {
        var slice = new EndpointSlice { AddressType = "IPv4", Ports = [new Discovery.EndpointPort { Port = 80 }] };
        Defaults.Apply(slice);
        Assert.Equal("TCP", slice.Ports[0].Protocol);
        Assert.Equal("", slice.Ports[0].Name);
    }
}
