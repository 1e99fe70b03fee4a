using System.Text;
using System.Text.Json;
using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests.Resource;

public sealed class QuantityJsonConverterTests
{
    [Theory]
    [InlineData("\"1.5Gi\"", "1536Mi")]
    [InlineData("\"0.5\"", "500m")]
    [InlineData("\" 1\"", "1")]
    [InlineData("\"1 \"", "1")]
    [InlineData("1", "1")]
    [InlineData("-1", "-1")]
    [InlineData("0.25", "250m")]
    [InlineData("1e3", "1e3")]
    [InlineData("null", "0")]
    public void Deserialize_RequestValue_ReadsAsUpstream(string json, string expected)
    {
        ResourceRequirements resources = KubeJson.Deserialize<ResourceRequirements>(Encoding.UTF8.GetBytes("{\"limits\":{\"cpu\":" + json + "}}"))!;

        Assert.Equal(expected, resources.Limits!["cpu"].ToString());
    }

    [Fact]
    public void Serialize_Requests_WritesCanonicalStrings()
    {
        var resources = new ResourceRequirements
        {
            Requests = new() { ["cpu"] = Quantity.Parse("0.1"), ["memory"] = Quantity.Parse("1.5Gi") },
        };

        Assert.Equal("""{"requests":{"cpu":"100m","memory":"1536Mi"}}""", KubeJson.SerializeToString(resources));
    }

    [Fact]
    public void RoundTrip_NullableQuantityProperty_KeepsAbsenceAndValue()
    {
        EmptyDirVolumeSource none = KubeJson.Deserialize<EmptyDirVolumeSource>("""{"medium":"Memory"}"""u8)!;
        EmptyDirVolumeSource some = KubeJson.Deserialize<EmptyDirVolumeSource>("""{"sizeLimit":"64Mi"}"""u8)!;

        Assert.Null(none.SizeLimit);
        Assert.Equal(Quantity.Parse("64Mi"), some.SizeLimit);
        Assert.Equal("""{"sizeLimit":"64Mi"}""", KubeJson.SerializeToString(some));
    }

    [Theory]
    [InlineData("\"1.1.M\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\"")]
    public void Deserialize_BadQuantity_ThrowsJsonExceptionWithPath(string json)
    {
        var ex = Assert.Throws<JsonException>(() =>
            KubeJson.Deserialize<ResourceRequirements>(Encoding.UTF8.GetBytes("{\"limits\":{\"cpu\":" + json + "}}")));

        Assert.Equal("$.limits.cpu", ex.Path);
    }
}
