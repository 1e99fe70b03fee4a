using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The garbage collector (with the ReplicaSet and Deployment controllers) against the real API server.</summary>
public sealed class GarbageCollectorTests : IAsyncLifetime
{
    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static Deployment Web(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx" }] },
            },
        },
    };

    private Task<List<Pod>> PodsAsync() => Client.Resource<Pod>().ListAsync("default").ContinueWith(t => t.Result.Items.ToList(), TaskScheduler.Default);

    private async Task<List<Pod>> StartWebAsync(int replicas)
    {
        await Client.Resource<Deployment>().CreateAsync(Web(replicas));
        return await ControllerCluster.WaitForAsync("the pods", PodsAsync, pods => pods.Count == replicas);
    }

    [Fact]
    public async Task DeleteDeployment_Background_RemovesReplicaSetsAndPods()
    {
        await StartWebAsync(3);

        await Client.Resource<Deployment>().DeleteAsync("default", "web", new DeleteOptions { PropagationPolicy = DeletionPropagation.Background });

        await ControllerCluster.WaitForAsync("the replicasets to go", async () => (await Client.Resource<ReplicaSet>().ListAsync("default")).Items, l => l.Count == 0);
        await ControllerCluster.WaitForAsync("the pods to go", PodsAsync, pods => pods.Count == 0);
    }

    [Fact]
    public async Task DeleteDeployment_Foreground_DependentsGoBeforeTheOwner()
    {
        await StartWebAsync(2);

        var deleting = await Client.Resource<Deployment>().DeleteAsync("default", "web", new DeleteOptions { PropagationPolicy = DeletionPropagation.Foreground });

        Assert.Contains("foregroundDeletion", deleting!.Metadata!.Finalizers!);
        await ControllerCluster.WaitForAsync("the deployment to go", () => Client.Resource<Deployment>().TryGetAsync("default", "web"), d => d is null);
        Assert.Empty(await PodsAsync());
        Assert.Empty((await Client.Resource<ReplicaSet>().ListAsync("default")).Items);
    }

    [Fact]
    public async Task DeleteReplicaSet_Orphan_LeavesPodsWithoutTheReference()
    {
        await StartWebAsync(2);
        var rs = Assert.Single((await Client.Resource<ReplicaSet>().ListAsync("default")).Items);
        // The deployment goes first (orphaning) so that it does not make a new ReplicaSet.
        await Client.Resource<Deployment>().DeleteAsync("default", "web", new DeleteOptions { PropagationPolicy = DeletionPropagation.Orphan });
        await ControllerCluster.WaitForAsync("the deployment to go", () => Client.Resource<Deployment>().TryGetAsync("default", "web"), d => d is null);

        await Client.Resource<ReplicaSet>().DeleteAsync("default", rs.Metadata!.Name!, new DeleteOptions { PropagationPolicy = DeletionPropagation.Orphan });

        await ControllerCluster.WaitForAsync("the replicaset to go", () => Client.Resource<ReplicaSet>().TryGetAsync("default", rs.Metadata.Name!), r => r is null);
        var pods = await ControllerCluster.WaitForAsync("the pods to lose their owner", PodsAsync, pods => pods.All(p => p.Metadata!.OwnerReferences is null or { Count: 0 }));
        Assert.Equal(2, pods.Count);
    }

    [Fact]
    public async Task Dependent_WhoseOwnerNeverExisted_IsDeleted()
    {
        await Client.Resource<ConfigMap>().CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta
            {
                Name = "stray",
                Namespace = "default",
                OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "ghost", Uid = Guid.NewGuid().ToString() }],
            },
        });

        await ControllerCluster.WaitForAsync("the stray configmap to go", () => Client.Resource<ConfigMap>().TryGetAsync("default", "stray"), c => c is null);
    }
}
