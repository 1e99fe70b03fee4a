using FastKube.NodeAgent.Configuration;

namespace FastKube.NodeAgent.Tests.Configuration;

public sealed class KubeletConfigurationLoaderTests
{
    private const string Header = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";

    [Fact]
    public void Load_HeaderOnly_UpstreamDefaults()
    {
        var (config, errors) = KubeletConfigurationLoader.Load(Header);

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal(110, config.MaxPods);
        Assert.Equal(TimeSpan.FromSeconds(10), config.NodeStatusUpdateFrequency);
        Assert.Equal(TimeSpan.FromMinutes(5), config.NodeStatusReportFrequency);
        Assert.Equal(40, config.NodeLeaseDurationSeconds);
        Assert.Equal(TimeSpan.FromSeconds(10), config.LeaseRenewInterval);
        Assert.Equal(10250, config.Port);
        Assert.Equal("cgroupfs", config.CgroupDriver);
        Assert.Equal(85, config.ImageGCHighThresholdPercent);
        Assert.Equal(80, config.ImageGCLowThresholdPercent);
        Assert.Equal("100Mi", config.EvictionHard["memory.available"]);
        Assert.Equal("/var/log/pods", config.PodLogsDirectory);
        Assert.Equal("/var/lib/fastkube/agent", config.RootDirectory);
    }

    [Fact]
    public void Load_EveryField_Read()
    {
        var yaml = Header + """
            nodeName: worker-1
            nodeIP: 10.0.0.5
            address: 127.0.0.1
            port: 10251
            maxPods: 30
            podCIDR: 10.244.1.0/24
            nodeStatusUpdateFrequency: 5s
            nodeStatusReportFrequency: 1m0s
            nodeLeaseDurationSeconds: 20
            syncFrequency: 30s
            containerRuntimeEndpoint: unix:///tmp/c.sock
            cgroupDriver: systemd
            evictionHard:
              memory.available: 200Mi
            imageGCHighThresholdPercent: 90
            imageGCLowThresholdPercent: 70
            podLogsDirectory: /tmp/pods
            rootDirectory: /tmp/agent
            nodeCapacity:
              cpu: "4"
            """;

        var (config, errors) = KubeletConfigurationLoader.Load(yaml);

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal("worker-1", config.EffectiveNodeName);
        Assert.Equal(TimeSpan.FromSeconds(5), config.NodeStatusUpdateFrequency);
        Assert.Equal(TimeSpan.FromMinutes(1), config.NodeStatusReportFrequency);
        Assert.Equal(TimeSpan.FromSeconds(5), config.LeaseRenewInterval);
        Assert.Equal("systemd", config.CgroupDriver);
        Assert.Equal("200Mi", Assert.Single(config.EvictionHard).Value);
        Assert.Equal("4", config.NodeCapacity["cpu"]);
        Assert.Equal(30, config.MaxPods);
    }

    [Theory]
    [InlineData("maxPods: -1", "maxPods: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("cgroupDriver: cgroupv2", "cgroupDriver: Invalid value: \"cgroupv2\": supported values: \"cgroupfs\", \"systemd\"")]
    [InlineData("nodeStatusUpdateFrequency: 10", "nodeStatusUpdateFrequency: Invalid value: \"10\": must be a duration")]
    [InlineData("nodeLeaseDurationSeconds: 0", "nodeLeaseDurationSeconds: Invalid value: 0: must be greater than 0")]
    [InlineData("evictionHard:\n  memory.free: 1Gi", "evictionHard[memory.free]: Invalid value: \"memory.free\": unknown eviction signal")]
    [InlineData("evictionHard:\n  nodefs.available: 120%", "evictionHard[nodefs.available]: Invalid value: \"120%\"")]
    [InlineData("imageGCLowThresholdPercent: 90", "imageGCLowThresholdPercent: Invalid value: 90: must be less than or equal to imageGCHighThresholdPercent (85)")]
    [InlineData("port: 70000", "port: Invalid value: 70000: must be between 1 and 65535, inclusive")]
    [InlineData("podCIDR: 10.0.0.0/33", "podCIDR: Invalid value: \"10.0.0.0/33\"")]
    [InlineData("rootDirectory: relative", "rootDirectory: Invalid value: \"relative\": must be an absolute path")]
    [InlineData("nodeName: Bad_Name", "nodeName: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain")]
    [InlineData("containerRuntimeEndpoint: tcp://x", "containerRuntimeEndpoint: Invalid value: \"tcp://x\": must be a unix:// socket path")]
    [InlineData("maxPod: 10", "maxPod: Invalid value: \"maxPod\": unknown field; allowed: ")]
    public void Load_BadField_ErrorNamesFieldValueAndAllowed(string line, string expected)
    {
        var (config, errors) = KubeletConfigurationLoader.Load(Header + line + "\n");

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WrongKind_Rejected()
    {
        var (config, errors) = KubeletConfigurationLoader.Load("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeProxyConfiguration\n");

        Assert.Null(config);
        Assert.Equal("kind: Invalid value: \"KubeProxyConfiguration\": must be KubeletConfiguration", Assert.Single(errors));
    }

    [Fact]
    public void Validate_Defaults_Valid()
    {
        Assert.Empty(KubeletConfigurationLoader.Validate(new KubeletConfiguration()));
    }
}
