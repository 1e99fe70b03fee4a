using System.Text.Json;
using FastKube.Api.Tests.Serialization.MessagePack;
using FastKube.Cri.Containerd;

namespace FastKube.Cri.Tests.Containerd;

public sealed class CniConfigTests
{
    private static readonly ManagedContainerdOptions Options = new() { BaseDirectory = "/var/lib/fastkube/containerd", PodCidr = "10.244.0.0/24" };

    [Fact]
    public void Render_DefaultOptions_MatchesGolden()
    {
        Golden.Check("tests/FastKube.Cri.Tests/Containerd/testdata/10-fastkube.conflist", CniConfig.Render(Options, new ContainerdLayout(Options.BaseDirectory)));
    }

    [Fact]
    public void Render_Options_BridgeWithHostLocalOverPodCidrThenPortmap()
    {
        var options = Options with { PodCidr = "10.200.3.0/24", BridgeName = "fkt1", NetworkName = "net1", IpMasquerade = false };

        using var document = JsonDocument.Parse(CniConfig.Render(options, new ContainerdLayout("/x")));

        var root = document.RootElement;
        Assert.Equal("net1", root.GetProperty("name").GetString());
        var plugins = root.GetProperty("plugins").EnumerateArray().ToArray();
        Assert.Equal(["bridge", "portmap"], plugins.Select(p => p.GetProperty("type").GetString()));
        Assert.Equal("fkt1", plugins[0].GetProperty("bridge").GetString());
        Assert.False(plugins[0].GetProperty("ipMasq").GetBoolean());
        var ipam = plugins[0].GetProperty("ipam");
        Assert.Equal("host-local", ipam.GetProperty("type").GetString());
        Assert.Equal("10.200.3.0/24", ipam.GetProperty("ranges")[0][0].GetProperty("subnet").GetString());
        Assert.Equal("/x/cni/ipam", ipam.GetProperty("dataDir").GetString());
        Assert.True(plugins[1].GetProperty("capabilities").GetProperty("portMappings").GetBoolean());
    }

    [Theory]
    [InlineData("10.244.0.0", "not an IPv4 CIDR")]
    [InlineData("fd00::/64", "not an IPv4 CIDR")]
    [InlineData("10.244.0.5/24", "host bits set")]
    [InlineData("10.244.0.0/30", "too small")]
    public void Render_BadPodCidr_ThrowsNamingTheValue(string podCidr, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CniConfig.Render(Options with { PodCidr = podCidr }, new ContainerdLayout("/x")));

        Assert.Contains(podCidr, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-bridge-name-too-long")]
    [InlineData("bad name")]
    public void Render_BadBridgeName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => CniConfig.Render(Options with { BridgeName = name }, new ContainerdLayout("/x")));
    }
}
