using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The StatefulSet controller against the real API server; the test makes pods Running and Ready as a kubelet would.</summary>
public sealed class StatefulSetTests : IAsyncLifetime
{
    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<List<Pod>> PodsAsync() =>
        (await Client.Resource<Pod>().ListAsync("default", new ListOptions { LabelSelector = "app=web" })).Items.Where(p => p.Metadata!.DeletionTimestamp is null).ToList();

    private Task ReadyAsync(string name) =>
        Client.Resource<Pod>().PatchStatusAsync("default", name, PatchType.Merge, """{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""");

    private static StatefulSet Web(int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = "web",
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx:1" }] },
            },
        },
    };

    [Fact]
    public async Task OrderedReady_CreatesOneAtATimeAndScalesDownInReverse()
    {
        await Client.Resource<StatefulSet>().CreateAsync(Web(3));
        for (var ordinal = 0; ordinal < 3; ordinal++)
        {
            var pods = await ControllerCluster.WaitAsync(PodsAsync, ps => ps.Count == ordinal + 1);

            // The next pod appears only once this one is Running and Ready.
            Assert.Equal(Enumerable.Range(0, ordinal + 1).Select(i => "web-" + i), pods.Select(p => p.Metadata!.Name!).Order());
            var newest = pods.Single(p => p.Metadata!.Name == "web-" + ordinal);
            Assert.Equal(("web-" + ordinal, "web"), (newest.Spec!.Hostname, newest.Spec.Subdomain));
            await Task.Delay(300);
            Assert.Equal(ordinal + 1, (await PodsAsync()).Count);
            await ReadyAsync("web-" + ordinal);
        }

        await ControllerCluster.WaitAsync(() => Client.Resource<StatefulSet>().GetAsync("default", "web"), s => s.Status?.ReadyReplicas == 3);
        await Client.Resource<StatefulSet>().PatchAsync("default", "web", PatchType.Merge, """{"spec":{"replicas":1}}""");
        await ControllerCluster.WaitAsync(PodsAsync, ps =>
        {
            // Reverse order: whatever remains is always a prefix web-0..web-k.
            Assert.Equal(Enumerable.Range(0, ps.Count).Select(i => "web-" + i), ps.Select(p => p.Metadata!.Name!).Order());
            return ps.Count == 1;
        });
        Assert.Equal("web-0", Assert.Single(await PodsAsync()).Metadata!.Name);
    }

    [Fact]
    public async Task KubectlRolloutStatus_TemplateChange_CompletesAtTheNewRevision()
    {
        var set = Web(2);
        set.Spec!.PodManagementPolicy = PodManagementPolicies.Parallel;
        await Client.Resource<StatefulSet>().CreateAsync(set);
        using var stop = new CancellationTokenSource();
        var kubelet = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var pod in (await PodsAsync()).Where(p => p.Status?.Phase is null))
                {
                    await ReadyAsync(pod.Metadata!.Name!);
                }

                await Task.Delay(100);
            }
        });

        var (exit, output, error) = await KubectlProcess.Run(_cluster.KubeconfigPath, null, "rollout", "status", "sts/web", "-n", "default", "--timeout=60s");
        Assert.True(exit == 0, output + error);

        await Client.Resource<StatefulSet>().PatchAsync("default", "web", PatchType.Merge, """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:2"}]}}}}""");
        (exit, output, error) = await KubectlProcess.Run(_cluster.KubeconfigPath, null, "rollout", "status", "sts/web", "-n", "default", "--timeout=90s");
        await stop.CancelAsync();
        await kubelet;
        Assert.True(exit == 0, output + error);

        // kubectl reports a set with a rollingUpdate block (the API server defaults partition 0) as partitioned.
        Assert.Contains("roll out complete: 2 new pods have been updated", output, StringComparison.Ordinal);
        Assert.All(await PodsAsync(), p => Assert.Equal("nginx:2", p.Spec!.Containers![0].Image));
        await ControllerCluster.WaitAsync(() => Client.Resource<StatefulSet>().GetAsync("default", "web"), s => s.Status!.CurrentRevision == s.Status.UpdateRevision && s.Status.CurrentReplicas == 2);
    }
}
