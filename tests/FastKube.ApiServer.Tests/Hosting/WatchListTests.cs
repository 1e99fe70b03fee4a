using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>Watch-list (<c>sendInitialEvents</c>, KEP-3157) over real HTTP on loopback, JSON framing.</summary>
public sealed class WatchListTests : IAsyncLifetime
{
    private const string WatchList = "watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true";
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Watch_SendInitialEvents_AddedThenEndBookmarkThenLiveEvents()
    {
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            await CreatePod(name, "a");
        }

        using var watch = await OpenWatch(WatchList);
        var initial = await ReadEvents(watch, 4);

        Assert.Equal(["ADDED", "ADDED", "ADDED", "BOOKMARK"], initial.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(["p1", "p2", "p3"], initial.Take(3).Select(Name).Order(StringComparer.Ordinal));
        var bookmark = initial[3].GetProperty("object").GetProperty("metadata");
        Assert.Equal("true", bookmark.GetProperty("annotations").GetProperty("k8s.io/initial-events-end").GetString());
        var lastInitial = initial.Take(3).Max(e => long.Parse(e.GetProperty("object").GetProperty("metadata").GetProperty("resourceVersion").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(long.Parse(bookmark.GetProperty("resourceVersion").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= lastInitial);

        await CreatePod("p4", "a");
        var live = await ReadEvents(watch, 1);
        Assert.Equal("ADDED", live[0].GetProperty("type").GetString());
        Assert.Equal("p4", Name(live[0]));
    }

    [Fact]
    public async Task Watch_SendInitialEventsWithLabelSelector_OnlyMatchingInitialEvents()
    {
        await CreatePod("gold1", "gold");
        await CreatePod("tin1", "tin");
        await CreatePod("gold2", "gold");

        using var watch = await OpenWatch($"{WatchList}&labelSelector=tier%3Dgold");
        var initial = await ReadEvents(watch, 3);

        Assert.Equal(["ADDED", "ADDED", "BOOKMARK"], initial.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(["gold1", "gold2"], initial.Take(2).Select(Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("watch=1&sendInitialEvents=true&allowWatchBookmarks=true", "resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")]
    [InlineData("watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan", "allowWatchBookmarks: Required value: sendInitialEvents requires setting allowWatchBookmarks to true")]
    [InlineData("watch=1&resourceVersionMatch=NotOlderThan&resourceVersion=1", "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")]
    [InlineData("sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true", "sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list")]
    public async Task Watch_InvalidWatchListOptions_ReturnsBadRequestStatus(string query, string message)
    {
        using var response = await _cluster.Admin.GetAsync(new Uri($"/api/v1/namespaces/default/pods?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Contains(message, status.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Name(JsonElement e) => e.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString()!;

    private Task CreatePod(string name, string tier) =>
        _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", $$$"""{"metadata":{"name":"{{{name}}}","labels":{"tier":"{{{tier}}}"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");

    private Task<StreamReader> OpenWatch(string query) => WatchTests.OpenWatch(_cluster.Admin, $"/api/v1/namespaces/default/pods?{query}");

    private static Task<List<JsonElement>> ReadEvents(StreamReader watch, int count) => WatchTests.ReadEvents(watch, count);
}
