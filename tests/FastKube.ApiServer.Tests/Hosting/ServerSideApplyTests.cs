using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>Server-side apply (PATCH application/apply-patch+yaml) and managedFields over HTTP.</summary>
public sealed class ServerSideApplyTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";

    // The manifest the kubectl tests apply (a Deployment with labels app and tier, one container with port 80).
    private const string Deployment = ServerSideApplyKubectlTests.Manifest;

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Apply_MissingObject_Creates201WithApplyEntry()
    {
        var (code, body) = await Apply($"{Deployments}/web?fieldManager=deployer", Deployment);

        Assert.Equal(HttpStatusCode.Created, code);
        var entry = Assert.Single(body.GetProperty("metadata").GetProperty("managedFields").EnumerateArray());
        Assert.Equal("deployer", entry.GetProperty("manager").GetString());
        Assert.Equal("Apply", entry.GetProperty("operation").GetString());
        Assert.Equal("apps/v1", entry.GetProperty("apiVersion").GetString());
        Assert.Equal("FieldsV1", entry.GetProperty("fieldsType").GetString());
        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:app":{},"f:tier":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}""",
            entry.GetProperty("fieldsV1").GetRawText());
        // The created object is defaulted as any other create.
        Assert.Equal("RollingUpdate", body.GetProperty("spec").GetProperty("strategy").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Apply_Twice_SecondIsANoOpWithTheSameResourceVersion()
    {
        var (_, first) = await Apply($"{Deployments}/web?fieldManager=deployer", Deployment);

        var (code, second) = await Apply($"{Deployments}/web?fieldManager=deployer", Deployment);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(Rv(first), Rv(second));
    }

    [Fact]
    public async Task Apply_StatusSubresource_OwnsOnlyStatusBesideTheMainApplier()
    {
        await Apply($"{Deployments}/web?fieldManager=deployer", Deployment);

        var (code, body) = await Apply($"{Deployments}/web/status?fieldManager=ctrl", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 9}, status: {replicas: 3}}");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(3, body.GetProperty("status").GetProperty("replicas").GetInt32());
        Assert.Equal(2, body.GetProperty("spec").GetProperty("replicas").GetInt32());
        var entries = body.GetProperty("metadata").GetProperty("managedFields").EnumerateArray().ToList();
        var status = Assert.Single(entries, e => e.GetProperty("manager").GetString() == "ctrl");
        Assert.Equal("status", status.GetProperty("subresource").GetString());
        Assert.Equal("""{"f:status":{"f:replicas":{}}}""", status.GetProperty("fieldsV1").GetRawText());
        Assert.Contains(entries, e => e.GetProperty("manager").GetString() == "deployer");
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_Is422LikeUpstream()
    {
        var (code, body) = await Apply($"{Deployments}/web", Deployment);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Apply_ReplicasOwnedByScale_409ConflictThenForceWins()
    {
        await Apply($"{Deployments}/web?fieldManager=deployer", Deployment);
        await Send(HttpMethod.Patch, $"{Deployments}/web/scale?fieldManager=kubectl-scale", """{"spec":{"replicas":5}}""", "application/merge-patch+json");

        var (code, conflict) = await Apply($"{Deployments}/web?fieldManager=deployer", Deployment);
        var (forcedCode, forced) = await Apply($"{Deployments}/web?fieldManager=deployer&force=true", Deployment);

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", conflict.GetProperty("reason").GetString());
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-scale\" with subresource \"scale\" using apps/v1: .spec.replicas", conflict.GetProperty("message").GetString());
        var cause = Assert.Single(conflict.GetProperty("details").GetProperty("causes").EnumerateArray());
        Assert.Equal("FieldManagerConflict", cause.GetProperty("reason").GetString());
        Assert.Equal(".spec.replicas", cause.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, forcedCode);
        Assert.Equal(2, forced.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.Equal(["deployer"], Managers(forced));
    }

    [Fact]
    public async Task Apply_LabelRemovedFromConfiguration_IsRemovedFromTheObject()
    {
        await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, labels: {x: '1', y: '2'}}, data: {k: v}}");

        var (_, body) = await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, labels: {x: '1'}}, data: {k: v}}");

        Assert.Equal("""{"x":"1"}""", body.GetProperty("metadata").GetProperty("labels").GetRawText());
    }

    [Fact]
    public async Task Apply_TwoManagersOnDisjointKeys_BothKeepTheirs()
    {
        await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {a: '1'}}");
        await Apply($"{ConfigMaps}/cfg?fieldManager=b", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {b: '2'}}");

        var (_, body) = await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {a: '3'}}");

        Assert.Equal("""{"a":"3","b":"2"}""", body.GetProperty("data").GetRawText());
        Assert.Equal(["a", "b"], Managers(body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_ByKubectlUserAgent_RecordsAnUpdateEntryForWhatChanged()
    {
        await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {a: '1'}}");

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{ConfigMaps}/cfg") { Content = Body("""{"data":{"a":"2","b":"3"}}""", "application/merge-patch+json") };
        request.Headers.UserAgent.ParseAdd("kubectl/v1.32.4");
        using var response = await _cluster.Admin.SendAsync(request);
        var body = await ReadJson(response);

        var entries = body.GetProperty("metadata").GetProperty("managedFields").EnumerateArray().ToList();
        var kubectl = Assert.Single(entries, e => e.GetProperty("manager").GetString() == "kubectl");
        Assert.Equal("Update", kubectl.GetProperty("operation").GetString());
        Assert.Equal("""{"f:data":{"f:a":{},"f:b":{}}}""", kubectl.GetProperty("fieldsV1").GetRawText());
        // "a" lost data.a to the update (updates always force), so it owns nothing and its entry is gone.
        Assert.DoesNotContain(entries, e => e.GetProperty("manager").GetString() == "a");
    }

    [Fact]
    public async Task Create_WithoutManagerFromFastKubeClient_RecordsNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ConfigMaps) { Content = Body("""{"metadata":{"name":"quiet"},"data":{"a":"1"}}""", "application/json") };
        request.Headers.UserAgent.ParseAdd("fastkube-client");
        using var response = await _cluster.Admin.SendAsync(request);
        var body = await ReadJson(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(body.GetProperty("metadata").TryGetProperty("managedFields", out _));
    }

    [Fact]
    public async Task Update_WithoutManagedFieldsInBody_KeepsTheStoredEntries()
    {
        var (_, applied) = await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {a: '1'}}");

        using var request = new HttpRequestMessage(HttpMethod.Put, $"{ConfigMaps}/cfg") { Content = Body("""{"metadata":{"name":"cfg"},"data":{"a":"1","b":"2"}}""", "application/json") };
        request.Headers.UserAgent.ParseAdd("fastkube-client");
        using var response = await _cluster.Admin.SendAsync(request);
        var body = await ReadJson(response);

        Assert.Equal(["a", "fastkube-client"], Managers(body).Order(StringComparer.Ordinal));
        Assert.NotEqual(Rv(applied), Rv(body));
    }

    [Fact]
    public async Task Apply_WrongKindOrName_Is400()
    {
        var (kindCode, _) = await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: Secret, metadata: {name: cfg}}");
        var (nameCode, nameBody) = await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: ConfigMap, metadata: {name: other}}");

        Assert.Equal(HttpStatusCode.BadRequest, kindCode);
        Assert.Equal(HttpStatusCode.BadRequest, nameCode);
        Assert.Contains("does not match the name on the URL", nameBody.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_ForceOnNonApplyPatch_Is422()
    {
        await Apply($"{ConfigMaps}/cfg?fieldManager=a", "{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}}");

        var (code, body) = await Send(HttpMethod.Patch, $"{ConfigMaps}/cfg?force=true", "{}", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("force: Forbidden", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task<(HttpStatusCode Code, JsonElement Body)> Apply(string path, string yaml) => Send(HttpMethod.Patch, path, yaml, "application/apply-patch+yaml");

    private async Task<(HttpStatusCode Code, JsonElement Body)> Send(HttpMethod method, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = Body(body, contentType) };
        using var response = await _cluster.Admin.SendAsync(request);
        return (response.StatusCode, await ReadJson(response));
    }

    private static StringContent Body(string text, string contentType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static string Rv(JsonElement obj) => obj.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;

    private static List<string> Managers(JsonElement obj) =>
        [.. obj.GetProperty("metadata").GetProperty("managedFields").EnumerateArray().Select(e => e.GetProperty("manager").GetString()!)];
}
