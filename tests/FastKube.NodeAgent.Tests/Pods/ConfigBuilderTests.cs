using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Pods;
using FastKube.NodeAgent.Tests.Support;

namespace FastKube.NodeAgent.Tests.Pods;

public sealed class ConfigBuilderTests
{
    [Fact]
    public void ContainerConfig_Container_LabelsAnnotationsLogPathAndEnv()
    {
        var pod = TestPods.Make("web", "n", p =>
        {
            p.Spec!.Containers![0].Args = ["-x"];
            p.Spec.Containers[0].WorkingDir = "/tmp";
        });
        var env = new FastKube.Cri.V1.KeyValue { Key = "A", Value = Google.Protobuf.ByteString.CopyFromUtf8("1") };
        var resources = new FastKube.Cri.V1.LinuxContainerResources { CpuShares = 2 };

        var config = ContainerConfigBuilder.Build(pod, pod.Spec!.Containers![0], 3, "sha256:abc", [env], resources, []);

        Assert.Equal("app/3.log", config.LogPath);
        Assert.Equal(3u, config.Metadata.Attempt);
        Assert.Equal("sha256:abc", config.Image.Image);
        Assert.Equal(["sleep", "3600"], config.Command);
        Assert.Equal(["-x"], config.Args);
        Assert.Equal("/tmp", config.WorkingDir);
        Assert.Equal("A", Assert.Single(config.Envs).Key);
        Assert.Equal(2, config.Linux.Resources.CpuShares);
        Assert.Equal("app", config.Labels["io.kubernetes.container.name"]);
        Assert.Equal(pod.Metadata!.Uid, config.Labels["io.kubernetes.pod.uid"]);
        Assert.Equal("3", config.Annotations["io.kubernetes.container.restartCount"]);
        Assert.Equal(ContainerConfigBuilder.Hash(pod.Spec.Containers[0]), config.Annotations["io.kubernetes.container.hash"]);
    }

    [Fact]
    public void Hash_SpecChange_Differs()
    {
        var a = TestPods.Container("app");
        var b = TestPods.Container("app", "sleep", "1");

        Assert.NotEqual(ContainerConfigBuilder.Hash(a), ContainerConfigBuilder.Hash(b));
        Assert.Equal(ContainerConfigBuilder.Hash(a), ContainerConfigBuilder.Hash(TestPods.Container("app")));
    }

    [Theory]
    [InlineData("cgroupfs", "/kubepods/besteffort/pod")]
    [InlineData("systemd", "kubepods-besteffort-pod")]
    public void SandboxConfig_Pod_LogDirectoryLabelsAndCgroupParent(string driver, string cgroupPrefix)
    {
        var pod = TestPods.Make("web", "n", p => p.Spec!.Containers![0].Ports = [new() { Port = 80, HostPort = 8080 }]);

        var config = SandboxConfigBuilder.Build(pod, 2, new KubeletConfiguration { NodeName = "n", CgroupDriver = driver });

        var uid = pod.Metadata!.Uid!;
        Assert.Equal($"/var/log/pods/default_web_{uid}", config.LogDirectory);
        Assert.Equal(2u, config.Metadata.Attempt);
        Assert.Equal("web", config.Hostname);
        Assert.Equal("n", config.Labels["fastkube.io/node"]);
        Assert.Equal(uid, config.Labels["io.kubernetes.pod.uid"]);
        Assert.StartsWith(cgroupPrefix, config.Linux.CgroupParent, StringComparison.Ordinal);
        Assert.Equal(8080, Assert.Single(config.PortMappings).HostPort);
    }
}
