using System.Text.Json;
using FastKube.Api;
using FastKube.ApiServer.Discovery;

namespace FastKube.ApiServer.Tests.Discovery;

public sealed class DiscoveryDocumentsTests
{
    private static readonly DiscoveryDocuments Documents = new(KubeTypes.All);

    private static JsonElement Get(string path)
    {
        Assert.True(Documents.TryGet(path, out var document), path);
        return JsonDocument.Parse(document).RootElement;
    }

    [Fact]
    public void Api_ListsTheCoreVersion()
    {
        var api = Get("/api");

        Assert.Equal("APIVersions", api.GetProperty("kind").GetString());
        Assert.Equal(["v1"], api.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Apis_ListsEveryGroupWithItsPreferredVersion()
    {
        var groups = Get("/apis").GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!);

        Assert.Equal("apps/v1", groups["apps"].GetProperty("preferredVersion").GetProperty("groupVersion").GetString());
        Assert.Contains("coordination.k8s.io", groups.Keys);
        Assert.DoesNotContain("", groups.Keys);
    }

    [Fact]
    public void CoreResources_CarryScopeVerbsShortNamesAndServedSubresources()
    {
        var resources = Get("/api/v1/").GetProperty("resources").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);

        Assert.True(resources["pods"].GetProperty("namespaced").GetBoolean());
        Assert.False(resources["nodes"].GetProperty("namespaced").GetBoolean());
        Assert.Equal(["po"], resources["pods"].GetProperty("shortNames").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("watch", resources["pods"].GetProperty("verbs").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["create"], resources["pods/binding"].GetProperty("verbs").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("pods/status", resources.Keys);
        Assert.DoesNotContain("configmaps/status", resources.Keys);
    }

    [Fact]
    public void AppsResources_ScaleIsAnAutoscalingScale()
    {
        var scale = Get("/apis/apps/v1").GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "deployments/scale");

        Assert.Equal("Scale", scale.GetProperty("kind").GetString());
        Assert.Equal("autoscaling", scale.GetProperty("group").GetString());
        Assert.Equal("v1", scale.GetProperty("version").GetString());
    }
}
