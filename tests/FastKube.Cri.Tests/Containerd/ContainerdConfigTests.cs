using FastKube.Api.Tests.Serialization.MessagePack;
using FastKube.Cri.Containerd;

namespace FastKube.Cri.Tests.Containerd;

public sealed class ContainerdConfigTests
{
    private static readonly ManagedContainerdOptions Options = new() { BaseDirectory = "/var/lib/fastkube/containerd", PodCidr = "10.244.0.0/24" };

    [Fact]
    public void Render_DefaultOptions_MatchesGolden()
    {
        Golden.Check("tests/FastKube.Cri.Tests/Containerd/testdata/containerd.toml", ContainerdConfig.Render(Options, new ContainerdLayout(Options.BaseDirectory)));
    }

    [Fact]
    public void Render_DefaultOptions_HasTheSettingsThisHostNeeds()
    {
        string toml = ContainerdConfig.Render(Options, new ContainerdLayout(Options.BaseDirectory));

        Assert.Contains("restrict_oom_score_adj = true", toml, StringComparison.Ordinal);
        Assert.Contains("SystemdCgroup = false", toml, StringComparison.Ordinal);
        Assert.Contains("sandbox_image = \"localhost/fastkube/busybox:latest\"", toml, StringComparison.Ordinal);
        Assert.Contains("address = \"/var/lib/fastkube/containerd/containerd.sock\"", toml, StringComparison.Ordinal);
        Assert.Contains("bin_dir = \"/usr/lib/cni\"", toml, StringComparison.Ordinal);
        Assert.Contains("conf_dir = \"/var/lib/fastkube/containerd/cni/net.d\"", toml, StringComparison.Ordinal);
        Assert.DoesNotContain("io.containerd.runtime.v1.linux", toml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a \"b\"", "\"a \\\"b\\\"\"")]
    [InlineData("c:\\d", "\"c:\\\\d\"")]
    [InlineData("tab\there", "\"tab\\u0009here\"")]
    public void Quote_Value_IsTomlBasicString(string value, string expected)
    {
        Assert.Equal(expected, ContainerdConfig.Quote(value));
    }
}
