using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>pods/binding (how the scheduler places pods) over real HTTP.</summary>
public sealed class PodSubresourceTests : IAsyncLifetime
{
    private const string Pods = "/api/v1/namespaces/default/pods";

    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        await _cluster.SendAsync(HttpMethod.Post, Pods, """{"metadata":{"name":"web"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Binding_UnboundPod_AssignsNodeAndMarksScheduled()
    {
        using var response = await Bind("n1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Success", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var pod = await _cluster.Admin.GetFromJsonAsync<JsonElement>(new Uri($"{Pods}/web", UriKind.Relative));
        Assert.Equal("n1", pod.GetProperty("spec").GetProperty("nodeName").GetString());
        Assert.Equal("placed", pod.GetProperty("metadata").GetProperty("annotations").GetProperty("scheduler.example/note").GetString());
        var scheduled = pod.GetProperty("status").GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "PodScheduled");
        Assert.Equal("True", scheduled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Binding_AlreadyBoundPod_Returns409()
    {
        (await Bind("n1")).Dispose();

        using var again = await Bind("n2");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("pod web is already assigned to node \"n1\"", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_WithoutTarget_Returns422()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Pods}/web/binding") { Content = new StringContent("""{"metadata":{"name":"web"}}""", Encoding.UTF8, "application/json") };

        using var response = await _cluster.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private Task<HttpResponseMessage> Bind(string node)
    {
        var body = """{"metadata":{"name":"web","annotations":{"scheduler.example/note":"placed"}},"target":{"kind":"Node","name":"NODE"}}""".Replace("NODE", node, StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Pods}/web/binding") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return _cluster.Admin.SendAsync(request);
    }
}
