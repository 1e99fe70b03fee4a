using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>The JSON watch stream over real HTTP/2 on loopback.</summary>
public sealed class WatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Watch_FromListRevision_StreamsAddedModifiedDeleted()
    {
        var rv = await ListRevision();
        using var watch = await OpenWatch($"resourceVersion={rv}");

        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"w1"},"data":{"a":"1"}}""");
        await _cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/w1", """{"data":{"a":"2"}}""", "application/merge-patch+json");
        await _cluster.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/w1", null);

        var events = await ReadEvents(watch, 3);
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("2", events[1].GetProperty("object").GetProperty("data").GetProperty("a").GetString());
        Assert.All(events, e => Assert.Equal("w1", e.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_ReplaysCurrentStateFirst()
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"before"}}""");
        using var watch = await OpenWatch("");

        var first = await ReadEvents(watch, 1);

        Assert.Equal("ADDED", first[0].GetProperty("type").GetString());
        Assert.Equal("before", first[0].GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Watch_LabelSelector_ObjectLeavingTheSelectionArrivesAsDeleted()
    {
        var rv = await ListRevision();
        using var watch = await OpenWatch($"resourceVersion={rv}&labelSelector=tier%3Dgold");

        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"s1","labels":{"tier":"gold"}}}""");
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"other"}}""");
        await _cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/s1", """{"metadata":{"labels":{"tier":"tin"}}}""", "application/merge-patch+json");

        var events = await ReadEvents(watch, 2);
        Assert.Equal(["ADDED", "DELETED"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal("s1", e.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Watch_CompactedResourceVersion_Returns410Expired()
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c1"}}""");
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c2"}}""");
        await _cluster.Store.CompactAsync(_cluster.Store.CurrentRevision);

        using var response = await _cluster.Admin.GetAsync(new Uri("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Expired", status.GetProperty("reason").GetString());
    }

    private async Task<string> ListRevision()
    {
        var list = await _cluster.Admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative));
        return list.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
    }

    private Task<StreamReader> OpenWatch(string query) => OpenWatch(_cluster.Admin, $"/api/v1/namespaces/default/configmaps?watch=true&{query}");

    /// <summary>Opens a watch at <paramref name="pathAndQuery"/> and returns its JSON lines once the headers came (200).</summary>
    internal static async Task<StreamReader> OpenWatch(HttpClient client, string pathAndQuery)
    {
        var response = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    internal static async Task<List<JsonElement>> ReadEvents(StreamReader watch, int count)
    {
        using var deadline = new CancellationTokenSource(Patience);
        var events = new List<JsonElement>();
        while (events.Count < count)
        {
            var line = await watch.ReadLineAsync(deadline.Token);
            Assert.NotNull(line);
            events.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return events;
    }
}
