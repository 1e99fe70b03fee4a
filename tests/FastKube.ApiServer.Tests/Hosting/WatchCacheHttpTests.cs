using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FastKube.Api.Core;
using FastKube.Api.Serialization;
using FastKube.ApiServer.Caching;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>The watch cache seen through HTTP: MessagePack lists, metrics, and a slow watcher being closed.</summary>
public sealed class WatchCacheHttpTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private TestCluster _cluster = null!;

    // A tiny watcher queue so a client that stops reading is closed after a few MB rather than thousands of events.
    public async Task InitializeAsync() =>
        _cluster = await TestCluster.StartAsync(o => o with { WatchCache = new WatchCacheOptions(WatcherQueue: 4) });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task List_AcceptMsgPack_ReturnsPodListOfCachedItems()
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", """{"metadata":{"name":"p1"},"spec":{"nodeName":"n1","containers":[{"name":"c","image":"busybox"}]}}""");
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", """{"metadata":{"name":"p2"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods?resourceVersion=0&fieldSelector=spec.nodeName%3Dn1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(KubeMsgPack.ContentType));

        using var response = await _cluster.Admin.SendAsync(request);
        var list = KubeMsgPack.Deserialize<PodList>(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(KubeMsgPack.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PodList", list.Kind);
        Assert.Equal("p1", Assert.Single(list.Items!).Metadata!.Name);
        Assert.Equal("n1", list.Items![0].Spec!.NodeName);
        Assert.False(string.IsNullOrEmpty(list.Metadata!.ResourceVersion));
    }

    [Fact]
    public async Task List_Json_CopiesCachedItemsIntoAValidList()
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c1"},"data":{"k":"v"}}""");

        var list = JsonDocument.Parse(await _cluster.Admin.GetStringAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative))).RootElement;

        Assert.Equal("ConfigMapList", list.GetProperty("kind").GetString());
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("v", item.GetProperty("data").GetProperty("k").GetString());
        Assert.Equal(list.GetProperty("metadata").GetProperty("resourceVersion").GetString(), item.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    [Fact]
    public async Task Create_InNamespaceJustCreated_IsAdmittedAndUnknownNamespaceIs404()
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces", """{"metadata":{"name":"fresh"}}""");
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/fresh/configmaps", """{"metadata":{"name":"c"}}""");

        using var content = new StringContent("""{"metadata":{"name":"c"}}""", System.Text.Encoding.UTF8, "application/json");
        using var missing = await _cluster.Admin.PostAsync(new Uri("/api/v1/namespaces/nowhere/configmaps", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task List_JsonLargerThanOneFlush_StreamsEveryItem()
    {
        var filler = new string('y', 16 * 1024);
        for (var i = 0; i < 40; i++)
        {
            await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", $$$"""{"metadata":{"name":"big{{{i}}}"},"data":{"f":"{{{filler}}}"}}""");
        }

        var list = JsonDocument.Parse(await _cluster.Admin.GetStringAsync(new Uri("/api/v1/namespaces/default/configmaps?resourceVersion=0", UriKind.Relative))).RootElement;

        Assert.Equal(40, list.GetProperty("items").GetArrayLength());
        Assert.All(list.GetProperty("items").EnumerateArray(), item => Assert.Equal(filler, item.GetProperty("data").GetProperty("f").GetString()));
    }

    [Fact]
    public async Task Watch_ClientStopsReading_IsClosedWithAnErrorEventAndCounted()
    {
        using var response = await _cluster.Admin.GetAsync(new Uri("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var filler = new string('x', 16 * 1024);
        for (var i = 0; i < 5000 && !await Metric("apiserver_terminated_watchers_total{resource=\"configmaps\"} 1"); i++)
        {
            await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", $$$"""{"metadata":{"name":"c{{{i}}}"},"data":{"f":"{{{filler}}}"}}""");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var deadline = new CancellationTokenSource(Patience);
        string? line, last = null;
        var added = 0;
        while ((line = await reader.ReadLineAsync(deadline.Token)) is not null)
        {
            last = line;
            added += line.StartsWith("""{"type":"ADDED""", StringComparison.Ordinal) ? 1 : 0;
        }

        var error = JsonDocument.Parse(last!).RootElement;
        Assert.Equal("ERROR", error.GetProperty("type").GetString());
        Assert.Contains("could not keep up", error.GetProperty("object").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(added > 0);
        Assert.True(await Metric("apiserver_terminated_watchers_total{resource=\"configmaps\"} 1"));
    }

    private async Task<bool> Metric(string line) =>
        (await _cluster.Admin.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Contains(line, StringComparison.Ordinal);
}
