using System.Text;
using System.Text.Json;
using FastKube.Api.Apps;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests;

public sealed class IntOrStringTests
{
    [Theory]
    // Upstream GetScaledValueFromIntOrPercent cases.
    [InlineData("10%", 100, true, 10)]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("0%", 5, true, 0)]
    [InlineData("33%", 3, true, 1)]
    [InlineData("33%", 3, false, 0)]
    [InlineData("-10%", 100, true, -10)]
    public void GetScaledValue_Percent_ScalesTotal(string percent, int total, bool roundUp, int expected)
    {
        Assert.Equal(expected, new IntOrString(percent).GetScaledValue(total, roundUp));
    }

    [Fact]
    public void GetScaledValue_Int_ReturnsInt()
    {
        Assert.Equal(5, new IntOrString(5).GetScaledValue(100, roundUp: true));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("%")]
    [InlineData("a%")]
    [InlineData("1.5%")]
    [InlineData(" 5%")]
    public void TryGetScaledValue_NotPercent_ReturnsFalse(string text)
    {
        var value = new IntOrString(text);

        Assert.False(value.TryGetScaledValue(10, roundUp: true, out _));
        Assert.Throws<FormatException>(() => value.GetScaledValue(10, roundUp: true));
    }

    [Fact]
    public void Parse_Text_PrefersInteger()
    {
        Assert.Equal(new IntOrString(80), IntOrString.Parse("80"));
        Assert.Equal(new IntOrString("http"), IntOrString.Parse("http"));
        Assert.True(IntOrString.Parse("http").IsString);
        Assert.NotEqual(new IntOrString("80"), new IntOrString(80));
    }

    [Fact]
    public void Default_IsIntZero()
    {
        IntOrString value = default;

        Assert.False(value.IsString);
        Assert.Equal(0, value.IntValue);
        Assert.Equal("0", value.ToString());
    }

    [Fact]
    public void RoundTrip_RollingUpdate_KeepsNumberAndString()
    {
        const string json = """{"maxUnavailable":1,"maxSurge":"25%"}""";

        RollingUpdateDeployment update = KubeJson.Deserialize<RollingUpdateDeployment>(Encoding.UTF8.GetBytes(json))!;

        Assert.Equal(1, update.MaxUnavailable!.Value.IntValue);
        Assert.False(update.MaxUnavailable.Value.IsString);
        Assert.Equal("25%", update.MaxSurge!.Value.StringValue);
        Assert.Equal(json, KubeJson.SerializeToString(update));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("4294967296")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("{}")]
    public void Deserialize_NotIntOrString_ThrowsJsonExceptionWithPath(string json)
    {
        var ex = Assert.Throws<JsonException>(() =>
            KubeJson.Deserialize<RollingUpdateDeployment>(Encoding.UTF8.GetBytes($$"""{"maxSurge":{{json}}}""")));

        Assert.Equal("$.maxSurge", ex.Path);
    }
}
