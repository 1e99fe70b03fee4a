using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>Bad requests get the upstream Status (code, reason) and leave the store untouched.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData("""{"metadata":{"name":"x"},""", "application/json", 400, "BadRequest")]
    [InlineData("""{"metadata":{"name":"x"},"data":{"a":1}}""", "application/json", 400, "BadRequest")]
    [InlineData("""{"metadata":{"name":"Not_Valid"}}""", "application/json", 422, "Invalid")]
    [InlineData("""{"metadata":{"name":"x"}}""", "application/xml", 415, "UnsupportedMediaType")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"ConfigMap","metadata":{"name":"x"}}""", "application/json", 400, "BadRequest")]
    [InlineData("""{"metadata":{"name":"x"},"dta":{}}""", "application/json;fieldValidation=x", 400, "BadRequest")]
    [InlineData("metadata:\n  name: x\n data: [", "application/yaml", 400, "BadRequest")]
    [InlineData("a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n", "application/yaml", 400, "BadRequest")]
    public async Task Create_BadBody_ReturnsStatusAndStoresNothing(string body, string contentType, int code, string reason)
    {
        var before = _cluster.Store.CurrentRevision;
        var path = contentType.Contains("fieldValidation", StringComparison.Ordinal) ? ConfigMaps + "?fieldValidation=Strict" : ConfigMaps;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType.Split(';')[0]);

        using var response = await _cluster.Admin.SendAsync(request);

        await AssertStatus(response, code, reason);
        Assert.Equal(before, _cluster.Store.CurrentRevision);
    }

    [Fact]
    public async Task Create_YamlBody_IsDecodedLikeJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ConfigMaps)
        {
            Content = new StringContent("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\n  labels: {tier: \"3\"}\ndata:\n  enabled: \"yes\"\n", Encoding.UTF8, "application/yaml"),
        };

        using var response = await _cluster.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("yes", created.GetProperty("data").GetProperty("enabled").GetString());
        Assert.Equal("3", created.GetProperty("metadata").GetProperty("labels").GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Create_InvalidObject_ListsEveryCauseWithItsField()
    {
        using var response = await Post(ConfigMaps, """{"metadata":{"name":"Bad_Name","labels":{"-x":"y"}}}""");

        var status = await AssertStatus(response, 422, "Invalid");
        var fields = status.GetProperty("details").GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.Contains("metadata.labels", fields);
    }

    [Fact]
    public async Task Create_BodyOver3MiB_Returns413()
    {
        var before = _cluster.Store.CurrentRevision;
        var big = new string('a', 3 * 1024 * 1024);

        using var response = await Post(ConfigMaps, """{"metadata":{"name":"big"},"data":{"a":"BIG"}}""".Replace("BIG", big, StringComparison.Ordinal));

        await AssertStatus(response, 413, "RequestEntityTooLarge");
        Assert.Equal(before, _cluster.Store.CurrentRevision);
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Returns409AndKeepsTheObject()
    {
        using (await Post(ConfigMaps, """{"metadata":{"name":"cfg"},"data":{"v":"1"}}""")) { }
        using var update = new HttpRequestMessage(HttpMethod.Put, $"{ConfigMaps}/cfg")
        {
            Content = new StringContent("""{"metadata":{"name":"cfg","resourceVersion":"1"},"data":{"v":"2"}}""", Encoding.UTF8, "application/json"),
        };

        using var response = await _cluster.Admin.SendAsync(update);

        await AssertStatus(response, 409, "Conflict");
        var stored = await _cluster.Admin.GetFromJsonAsync<JsonElement>(new Uri($"{ConfigMaps}/cfg", UriKind.Relative));
        Assert.Equal("1", stored.GetProperty("data").GetProperty("v").GetString());
    }

    [Fact]
    public async Task Get_UnknownResource_Returns404Status()
    {
        using var response = await _cluster.Admin.GetAsync(new Uri("/apis/example.com/v1/widgets", UriKind.Relative));

        await AssertStatus(response, 404, "NotFound");
    }

    [Fact]
    public async Task Patch_MalformedJsonPatch_Returns400AndChangesNothing()
    {
        using (await Post(ConfigMaps, """{"metadata":{"name":"cfg"},"data":{"v":"1"}}""")) { }
        var before = _cluster.Store.CurrentRevision;
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"{ConfigMaps}/cfg")
        {
            Content = new StringContent("""[{"op":"explode","path":"/data/v"}]""", Encoding.UTF8, "application/json-patch+json"),
        };

        using var response = await _cluster.Admin.SendAsync(patch);

        await AssertStatus(response, 400, "BadRequest");
        Assert.Equal(before, _cluster.Store.CurrentRevision);
    }

    private Task<HttpResponseMessage> Post(string path, string body) =>
        _cluster.Admin.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> AssertStatus(HttpResponseMessage response, int code, string reason)
    {
        Assert.Equal(code, (int)response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal(reason, status.GetProperty("reason").GetString());
        Assert.Equal(code, status.GetProperty("code").GetInt32());
        return status;
    }
}
