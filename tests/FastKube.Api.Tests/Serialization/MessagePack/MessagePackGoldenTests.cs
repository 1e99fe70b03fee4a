using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;
using FastKube.Api.Serialization.MessagePack.Generated;

namespace FastKube.Api.Tests.Serialization.MessagePack;

public class MessagePackGoldenTests
{
    [Fact]
    public void SchemaDoc_MatchesGeneratedSchema()
    {
        Golden.Check("docs/msgpack-schema.md", MessagePackSchema.Markdown);
    }

    [Fact]
    public void SmallConfigMap_WireBytesMatchGolden()
    {
        Golden.Check("tests/FastKube.Api.Tests/testdata/msgpack/configmap.hex", Golden.ToHexLines(KubeMsgPack.Serialize(Fixtures.SmallConfigMap())));
    }

    [Fact]
    public void SmallConfigMap_GoldenBytesDecodeToFixture()
    {
        string hex = File.ReadAllText(Golden.PathOf("tests/FastKube.Api.Tests/testdata/msgpack/configmap.hex")).Replace("\n", string.Empty, StringComparison.Ordinal);
        ConfigMap read = KubeMsgPack.Deserialize<ConfigMap>(Convert.FromHexString(hex));
        Assert.Equal(KubeJson.SerializeToString(Fixtures.SmallConfigMap()), KubeJson.SerializeToString(read));
    }

    [Fact]
    public void ConfigMapAddedFrame_WireBytesMatchGolden()
    {
        byte[] frame = WatchFrame.EncodeEvent(WatchEventTypes.Added, Fixtures.SmallConfigMap());
        Golden.Check("tests/FastKube.Api.Tests/testdata/msgpack/configmap-added-frame.hex", Golden.ToHexLines(frame));
    }

    [Fact]
    public void WatchProtocolDoc_ExampleIsTheGoldenFrame()
    {
        // The annotated example in docs/watch-protocol.md lists the frame's bytes as the first column of each
        // line between the example markers; they must be exactly the frame the code writes.
        string[] lines = File.ReadAllLines(Golden.PathOf("docs/watch-protocol.md"));
        int start = Array.IndexOf(lines, "<!-- frame-example:start -->");
        int end = Array.IndexOf(lines, "<!-- frame-example:end -->");
        Assert.True(start >= 0 && end > start, "example markers missing in docs/watch-protocol.md");
        string hex = string.Concat(lines[(start + 1)..end]
            .Where(line => line.Length > 0 && Uri.IsHexDigit(line[0]))
            .Select(line => line.Split(' ', 2)[0]));
        byte[] frame = WatchFrame.EncodeEvent(WatchEventTypes.Added, Fixtures.SmallConfigMap());
        Assert.Equal(Convert.ToHexStringLower(frame), hex);
    }
}
