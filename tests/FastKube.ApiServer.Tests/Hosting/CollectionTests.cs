using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FastKube.ApiServer.Tests.Hosting;

public sealed class CollectionTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task DeleteCollection_LabelSelector_DeletesOnlyMatchesAndReturnsThem()
    {
        await _cluster.SendAsync(HttpMethod.Post, ConfigMaps, """{"metadata":{"name":"a","labels":{"tier":"gold"}}}""");
        await _cluster.SendAsync(HttpMethod.Post, ConfigMaps, """{"metadata":{"name":"b","labels":{"tier":"gold"}}}""");
        await _cluster.SendAsync(HttpMethod.Post, ConfigMaps, """{"metadata":{"name":"c","labels":{"tier":"tin"}}}""");

        using var response = await _cluster.Admin.DeleteAsync(new Uri($"{ConfigMaps}?labelSelector=tier%3Dgold", UriKind.Relative));
        var deleted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var left = await _cluster.Admin.GetFromJsonAsync<JsonElement>(new Uri(ConfigMaps, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ConfigMapList", deleted.GetProperty("kind").GetString());
        Assert.Equal(["a", "b"], deleted.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()));
        Assert.Equal(["c"], left.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task List_LimitAndContinue_PagesThroughEverything()
    {
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            await _cluster.SendAsync(HttpMethod.Post, ConfigMaps, """{"metadata":{"name":"NAME"}}""".Replace("NAME", name, StringComparison.Ordinal));
        }

        var first = await _cluster.Admin.GetFromJsonAsync<JsonElement>(new Uri($"{ConfigMaps}?limit=2", UriKind.Relative));
        var token = first.GetProperty("metadata").GetProperty("continue").GetString();
        var second = await _cluster.Admin.GetFromJsonAsync<JsonElement>(new Uri($"{ConfigMaps}?limit=2&continue={Uri.EscapeDataString(token!)}", UriKind.Relative));

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(["p3"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()));
        Assert.False(second.GetProperty("metadata").TryGetProperty("continue", out _));
    }
}
