using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The namespace and serviceaccount controllers against the real API server.</summary>
public sealed class NamespaceLifecycleTests : IAsyncLifetime
{
    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static ConfigMap Map(string ns, string name, params string[] finalizers) =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = ns, Finalizers = finalizers.Length == 0 ? null : [.. finalizers] } };

    [Fact]
    public async Task DeleteNamespace_WithContent_RemovesContentThenTheNamespace()
    {
        await Client.Resource<Namespace>().CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = "team" } });
        await Client.Resource<ConfigMap>().CreateAsync(Map("team", "plain"));
        // A finalizer nobody removes holds the namespace in Terminating until the test removes it.
        await Client.Resource<ConfigMap>().CreateAsync(Map("team", "held", "example.com/hold"));
        await Client.Resource<Pod>().CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "team" },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] },
        });

        var deleted = await Client.Resource<Namespace>().DeleteAsync(null, "team");
        Assert.Equal("Terminating", deleted!.Status!.Phase);

        var terminating = await ControllerCluster.WaitForAsync("the finalizer condition", () => Client.Resource<Namespace>().GetAsync(null, "team"),
            ns => ns.Status?.Conditions?.Any(c => c.Type == "NamespaceFinalizersRemaining" && c.Status == "True") == true);
        Assert.Equal("Terminating", terminating.Status!.Phase);
        var remaining = Assert.Single(terminating.Status.Conditions!, c => c.Type == "NamespaceContentRemaining");
        Assert.Equal(("True", "SomeResourcesRemain", "Some resources are remaining: configmaps. has 1 resource instances"), (remaining.Status, remaining.Reason, remaining.Message));
        Assert.Equal("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
            terminating.Status.Conditions!.Single(c => c.Type == "NamespaceFinalizersRemaining").Message);
        Assert.Empty((await Client.Resource<Pod>().ListAsync("team")).Items);
        Assert.Equal(["held"], (await Client.Resource<ConfigMap>().ListAsync("team")).Items.Select(c => c.Metadata!.Name));

        var refused = await Assert.ThrowsAsync<KubeApiException>(() => Client.Resource<ConfigMap>().CreateAsync(Map("team", "late")));
        Assert.Equal(403, refused.Status.Code);
        Assert.Equal("configmaps \"late\" is forbidden: unable to create new content in namespace team because it is being terminated", refused.Status.Message);
        Assert.Equal("NamespaceTerminating", Assert.Single(refused.Status.Details!.Causes!).Reason);

        await Client.Resource<ConfigMap>().PatchAsync("team", "held", PatchType.Merge, """{"metadata":{"finalizers":null}}""");
        await ControllerCluster.WaitForAsync("the namespace to go", () => Client.Resource<Namespace>().TryGetAsync(null, "team"), ns => ns is null);
    }

    [Fact]
    public async Task NewNamespace_GetsDefaultServiceAccount_RecreatedAfterDeletion()
    {
        await Client.Resource<Namespace>().CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = "apps" } });
        var first = await ControllerCluster.WaitForAsync("the default account", () => Client.Resource<ServiceAccount>().TryGetAsync("apps", "default"), sa => sa is not null);

        await Client.Resource<ServiceAccount>().DeleteAsync("apps", "default");

        await ControllerCluster.WaitForAsync("a new default account", () => Client.Resource<ServiceAccount>().TryGetAsync("apps", "default"),
            sa => sa is not null && sa.Metadata!.Uid != first!.Metadata!.Uid);
    }
}
