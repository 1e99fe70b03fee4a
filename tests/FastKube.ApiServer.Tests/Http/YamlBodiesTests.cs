using System.Text;
using FastKube.ApiServer.Http;

namespace FastKube.ApiServer.Tests.Http;

public sealed class YamlBodiesTests
{
    private static string Convert(string yaml)
    {
        Assert.True(YamlBodies.TryConvertToJson(Encoding.UTF8.GetBytes(yaml), out var json, out var error), error);
        return Encoding.UTF8.GetString(json);
    }

    [Theory]
    [InlineData("a: 80", """{"a":80}""")]
    [InlineData("a: -3", """{"a":-3}""")]
    [InlineData("a: 0.5", """{"a":0.5}""")]
    [InlineData("a: 1e3", """{"a":1000}""")]
    [InlineData("a: \"80\"", """{"a":"80"}""")]
    [InlineData("a: '80'", """{"a":"80"}""")]
    [InlineData("a: yes", """{"a":true}""")]
    [InlineData("a: Off", """{"a":false}""")]
    [InlineData("a: ~", """{"a":null}""")]
    [InlineData("a:", """{"a":null}""")]
    [InlineData("a: 0x1F", """{"a":31}""")]
    [InlineData("a: 0755", """{"a":493}""")]
    [InlineData("a: 0b101", """{"a":5}""")]
    [InlineData("a: 99999999999999999999", """{"a":1E+20}""")]
    [InlineData("a: 1.2.3", """{"a":"1.2.3"}""")]
    [InlineData("a: 100m", """{"a":"100m"}""")]
    [InlineData("a: [x, 2, {b: c}]", """{"a":["x",2,{"b":"c"}]}""")]
    [InlineData("a: |\n  line1\n  line2\n", """{"a":"line1\nline2\n"}""")]
    public void TryConvertToJson_Scalars_ResolveAsUpstreamYaml(string yaml, string json) => Assert.Equal(json, Convert(yaml));

    [Fact]
    public void TryConvertToJson_Aliases_AreExpanded()
    {
        Assert.Equal("""{"base":{"x":1},"copy":{"x":1}}""", Convert("base: &b {x: 1}\ncopy: *b\n"));
    }

    [Theory]
    [InlineData("a: [", "line")]
    [InlineData("---\na: 1\n---\nb: 2\n", "exactly one YAML document")]
    [InlineData("? [a, b]\n: c\n", "mapping keys must be scalars")]
    public void TryConvertToJson_BadDocument_FailsWithReason(string yaml, string reason)
    {
        Assert.False(YamlBodies.TryConvertToJson(Encoding.UTF8.GetBytes(yaml), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryConvertToJson_DeepNesting_IsRefused()
    {
        var yaml = new string('[', 500) + new string(']', 500);

        Assert.False(YamlBodies.TryConvertToJson(Encoding.UTF8.GetBytes(yaml), out _, out var error));
        Assert.Contains("nested deeper", error, StringComparison.Ordinal);
    }
}
