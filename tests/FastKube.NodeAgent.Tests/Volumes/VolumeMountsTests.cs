using FastKube.Api.Core;
using FastKube.Cri.V1;
using FastKube.NodeAgent.Volumes;
using Google.Protobuf;
using Container = FastKube.Api.Core.Container;

namespace FastKube.NodeAgent.Tests.Volumes;

public sealed class VolumeMountsTests
{
    private static readonly Dictionary<string, PodVolume> Volumes = new()
    {
        ["data"] = new PodVolume("/root/pods/u/volumes/kubernetes.io~empty-dir/data", false),
        ["config"] = new PodVolume("/root/pods/u/volumes/kubernetes.io~configmap/config", true),
    };

    [Fact]
    public void Build_Mounts_HostPathReadOnlyAndPropagation()
    {
        var container = With(
            new VolumeMount { Name = "data", MountPath = "/data" },
            new VolumeMount { Name = "data", MountPath = "/ro", ReadOnly = true, MountPropagation = "HostToContainer" },
            new VolumeMount { Name = "config", MountPath = "/etc/app", MountPropagation = "None" });

        var (mounts, subPaths, error) = VolumeMounts.Build(container, Volumes, []);

        Assert.Null(error);
        Assert.Empty(subPaths);
        Assert.Equal(
            [
                ("/data", Volumes["data"].HostPath, false, MountPropagation.PropagationPrivate),
                ("/ro", Volumes["data"].HostPath, true, MountPropagation.PropagationHostToContainer),
                ("/etc/app", Volumes["config"].HostPath, true, MountPropagation.PropagationPrivate),
            ],
            mounts.Select(m => (m.ContainerPath, m.HostPath, m.Readonly, m.Propagation)));
    }

    [Fact]
    public void Build_SubPath_JoinedAndListedForPreparation()
    {
        var container = With(new VolumeMount { Name = "data", MountPath = "/logs", SubPath = "app/logs" });

        var (mounts, subPaths, error) = VolumeMounts.Build(container, Volumes, []);

        Assert.Null(error);
        var expected = Volumes["data"].HostPath + "/app/logs";
        Assert.Equal(expected, Assert.Single(mounts).HostPath);
        Assert.Equal((Volumes["data"].HostPath, expected), Assert.Single(subPaths));
    }

    [Fact]
    public void Build_SubPathExpr_ExpandedFromEnvOrMissingValueError()
    {
        var container = With(new VolumeMount { Name = "data", MountPath = "/logs", SubPathExpr = "$(POD_NAME)/logs" });
        KeyValue[] env = [new KeyValue { Key = "POD_NAME", Value = ByteString.CopyFromUtf8("web-1") }];

        var (mounts, _, error) = VolumeMounts.Build(container, Volumes, env);
        var (_, _, missing) = VolumeMounts.Build(container, Volumes, []);

        Assert.Null(error);
        Assert.Equal(Volumes["data"].HostPath + "/web-1/logs", Assert.Single(mounts).HostPath);
        Assert.Equal("missing value for POD_NAME", missing);
    }

    [Fact]
    public void Build_UnknownVolume_UpstreamError()
    {
        var (_, _, error) = VolumeMounts.Build(With(new VolumeMount { Name = "nope", MountPath = "/x" }), Volumes, []);

        Assert.Equal("cannot find volume \"nope\" to mount into container \"app\"", error);
    }

    [Theory]
    [InlineData("/etc", "error SubPath `/etc` must not be an absolute path")]
    [InlineData("a/../../etc", "unable to provision SubPath `a/../../etc`: must not contain '..'")]
    public void Build_BadSubPath_Error(string subPath, string expected)
    {
        var (_, _, error) = VolumeMounts.Build(With(new VolumeMount { Name = "data", MountPath = "/x", SubPath = subPath }), Volumes, []);

        Assert.Equal(expected, error);
    }

    private static Container With(params VolumeMount[] mounts) => new() { Name = "app", VolumeMounts = [.. mounts] };
}
