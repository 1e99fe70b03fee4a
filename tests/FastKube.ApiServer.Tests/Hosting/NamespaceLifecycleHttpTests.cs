using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>The namespace registry's lifecycle and the deletion propagation finalizers over HTTP (no controllers run here).</summary>
public sealed class NamespaceLifecycleHttpTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<(HttpStatusCode Code, JsonElement Body)> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await _cluster.Admin.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<JsonElement> CreateNamespace(string name)
    {
        var (code, body) = await Send(HttpMethod.Post, "/api/v1/namespaces", """{"metadata":{"name":"NAME"}}""".Replace("NAME", name, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, code);
        return body;
    }

    [Fact]
    public async Task Create_Namespace_HasKubernetesFinalizerAndIsActive()
    {
        var ns = await CreateNamespace("fresh");

        Assert.Equal(["kubernetes"], ns.GetProperty("spec").GetProperty("finalizers").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("Active", ns.GetProperty("status").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Delete_Namespace_MarksTerminatingUntilFinalized()
    {
        await CreateNamespace("doomed");

        var (code, deleted) = await Send(HttpMethod.Delete, "/api/v1/namespaces/doomed");
        var (stillCode, still) = await Send(HttpMethod.Get, "/api/v1/namespaces/doomed");
        var (againCode, again) = await Send(HttpMethod.Delete, "/api/v1/namespaces/doomed");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Terminating", deleted.GetProperty("status").GetProperty("phase").GetString());
        Assert.True(deleted.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _));
        Assert.Equal(HttpStatusCode.OK, stillCode);
        Assert.Equal("Terminating", still.GetProperty("status").GetProperty("phase").GetString());
        Assert.Equal(HttpStatusCode.Conflict, againCode);
        Assert.EndsWith("Upon completion, this namespace will automatically be purged by the system.", again.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (finalizeCode, finalized) = await Send(HttpMethod.Put, "/api/v1/namespaces/doomed/finalize", """{"metadata":{"name":"doomed"},"spec":{"finalizers":[]}}""");
        var (goneCode, _) = await Send(HttpMethod.Get, "/api/v1/namespaces/doomed");

        Assert.Equal(HttpStatusCode.OK, finalizeCode);
        Assert.False(finalized.GetProperty("spec").TryGetProperty("finalizers", out _));
        Assert.Equal(HttpStatusCode.NotFound, goneCode);
    }

    [Fact]
    public async Task Finalize_WithMetadataFinalizerLeft_KeepsNamespaceUntilThatGoesToo()
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces", """{"metadata":{"name":"held","finalizers":["example.com/hold"]}}""");
        await _cluster.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/held", null);
        await _cluster.SendAsync(HttpMethod.Put, "/api/v1/namespaces/held/finalize", """{"metadata":{"name":"held"},"spec":{}}""");

        var (heldCode, _) = await Send(HttpMethod.Get, "/api/v1/namespaces/held");
        await _cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/held", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        var (goneCode, _) = await Send(HttpMethod.Get, "/api/v1/namespaces/held");

        Assert.Equal(HttpStatusCode.OK, heldCode);
        Assert.Equal(HttpStatusCode.NotFound, goneCode);
    }

    [Fact]
    public async Task Update_Namespace_CannotChangeSpecFinalizers()
    {
        await CreateNamespace("steady");

        var (code, updated) = await Send(HttpMethod.Put, "/api/v1/namespaces/steady", """{"metadata":{"name":"steady","labels":{"a":"b"}},"spec":{"finalizers":["other"]}}""");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(["kubernetes"], updated.GetProperty("spec").GetProperty("finalizers").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Create_InTerminatingNamespace_Is403WithNamespaceTerminatingCause()
    {
        await CreateNamespace("closing");
        await _cluster.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/closing", null);

        var (code, status) = await Send(HttpMethod.Post, "/api/v1/namespaces/closing/configmaps", """{"metadata":{"name":"late"}}""");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("Forbidden", status.GetProperty("reason").GetString());
        Assert.Equal("configmaps \"late\" is forbidden: unable to create new content in namespace closing because it is being terminated", status.GetProperty("message").GetString());
        var details = status.GetProperty("details");
        Assert.Equal(("late", "configmaps"), (details.GetProperty("name").GetString(), details.GetProperty("kind").GetString()));
        var cause = Assert.Single(details.GetProperty("causes").EnumerateArray());
        Assert.Equal(("NamespaceTerminating", "metadata.namespace"), (cause.GetProperty("reason").GetString(), cause.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Delete_SystemNamespace_IsForbidden()
    {
        var (code, status) = await Send(HttpMethod.Delete, "/api/v1/namespaces/kube-system");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("namespaces \"kube-system\" is forbidden: this namespace may not be deleted", status.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("Orphan", "orphan")]
    [InlineData("Foreground", "foregroundDeletion")]
    public async Task Delete_PropagationPolicy_AddsTheCollectorsFinalizer(string policy, string finalizer)
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"owner"}}""");

        var (code, deleted) = await Send(HttpMethod.Delete, $"/api/v1/namespaces/default/configmaps/owner?propagationPolicy={policy}");

        Assert.Equal(HttpStatusCode.Accepted, code);
        Assert.Equal([finalizer], deleted.GetProperty("metadata").GetProperty("finalizers").EnumerateArray().Select(f => f.GetString()));
        Assert.True(deleted.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _));

        // The collector's last step: removing the finalizer completes the deletion.
        await _cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/owner", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        var (goneCode, _) = await Send(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/owner");
        Assert.Equal(HttpStatusCode.NotFound, goneCode);
    }

    [Fact]
    public async Task Delete_BodyWithOrphanDependentsTrue_AddsOrphanFinalizer()
    {
        await _cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"legacy"}}""");

        var (_, deleted) = await Send(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/legacy", """{"kind":"DeleteOptions","apiVersion":"v1","orphanDependents":true}""");

        Assert.Equal(["orphan"], deleted.GetProperty("metadata").GetProperty("finalizers").EnumerateArray().Select(f => f.GetString()));
    }
}
