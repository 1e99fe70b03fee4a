using System.Text.Json;
using FastKube.Api;
using FastKube.ApiServer.Discovery;

namespace FastKube.ApiServer.Tests.Discovery;

public sealed class AggregatedDiscoveryTests
{
    private const string KubectlAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private static readonly AggregatedDiscovery Discovery = new(KubeTypes.All);

    private static JsonElement Get(string path)
    {
        Assert.True(Discovery.TryGet(path, KubectlAccept, out var document), path);
        return JsonDocument.Parse(document).RootElement;
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList")]
    [InlineData("")]
    public void TryGet_AcceptWithoutV2_IsNotServed(string accept)
    {
        Assert.False(Discovery.TryGet("/apis", accept, out _));
    }

    [Fact]
    public void TryGet_OtherPath_IsNotServed()
    {
        Assert.False(Discovery.TryGet("/api/v1", KubectlAccept, out _));
    }

    [Fact]
    public void Api_HasTheCoreGroupWithPodsAndTheirSubresources()
    {
        var list = Get("/api");
        Assert.Equal("APIGroupDiscoveryList", list.GetProperty("kind").GetString());
        var core = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("", core.GetProperty("metadata").GetProperty("name").GetString());

        var version = Assert.Single(core.GetProperty("versions").EnumerateArray());
        var pods = version.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("resource").GetString() == "pods");
        Assert.Equal("Pod", pods.GetProperty("responseKind").GetProperty("kind").GetString());
        Assert.Equal("Namespaced", pods.GetProperty("scope").GetString());
        Assert.Equal(["po"], pods.GetProperty("shortNames").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["binding", "log", "status"], pods.GetProperty("subresources").EnumerateArray().Select(s => s.GetProperty("subresource").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apis_HasEveryNamedGroupAndScaleReturnsAutoscalingScale()
    {
        var items = Get("/apis").GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("metadata").GetProperty("name").GetString()!);

        Assert.Equal(KubeTypes.All.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct().Order(StringComparer.Ordinal), items.Keys.Order(StringComparer.Ordinal));
        var deployments = items["apps"].GetProperty("versions")[0].GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("resource").GetString() == "deployments");
        var scale = deployments.GetProperty("subresources").EnumerateArray().Single(s => s.GetProperty("subresource").GetString() == "scale");
        Assert.Equal(("autoscaling", "Scale"), (scale.GetProperty("responseKind").GetProperty("group").GetString(), scale.GetProperty("responseKind").GetProperty("kind").GetString()));
    }
}
