using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client;
using FastKube.Controllers.Common;
using FastKube.Controllers.DaemonSets;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The DaemonSet controller against the real API server, with Node objects made by the test and pod readiness driven as a kubelet would.</summary>
public sealed class DaemonSetTests : IAsyncLifetime
{
    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task NodeAsync(string name, params Taint[] taints) =>
        await Client.Resource<Node>().CreateAsync(new Node { Metadata = new ObjectMeta { Name = name }, Spec = new NodeSpec { Taints = taints.Length == 0 ? null : [.. taints] } });

    private async Task<List<Pod>> PodsAsync() =>
        (await Client.Resource<Pod>().ListAsync("default", new ListOptions { LabelSelector = "app=agent" })).Items.Where(p => p.Metadata!.DeletionTimestamp is null).ToList();

    // What a kubelet would report once the pod's containers run.
    private async Task MarkReadyAsync()
    {
        foreach (var pod in (await PodsAsync()).Where(p => p.Status?.Conditions is null))
        {
            await Client.Resource<Pod>().PatchStatusAsync("default", pod.Metadata!.Name!, PatchType.Merge, """{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""");
        }
    }

    private static DaemonSet Agent(string image) => new()
    {
        Metadata = new ObjectMeta { Name = "agent", Namespace = "default" },
        Spec = new DaemonSetSpec
        {
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "agent" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "agent" } },
                Spec = new PodSpec { Containers = [new Container { Name = "agent", Image = image }] },
            },
        },
    };

    [Fact]
    public async Task DaemonSet_OnePodPerEligibleNode_TaintedNodeSkippedAndNewNodeServed()
    {
        await NodeAsync("n1");
        await NodeAsync("n2");
        await NodeAsync("gpu", new Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" });
        await Client.Resource<DaemonSet>().CreateAsync(Agent("agent:1"));

        var pods = await ControllerCluster.WaitAsync(PodsAsync, ps => ps.Count == 2);
        Assert.Equal(["n1", "n2"], pods.Select(DaemonPods.TargetNode).Order());
        var revisions = (await Client.Resource<ControllerRevision>().ListAsync("default")).Items;
        var revision = Assert.Single(revisions);
        Assert.All(pods, p => Assert.Equal(revision.Metadata!.Labels![Revisions.HashLabel], p.Metadata!.Labels![Revisions.HashLabel]));

        await NodeAsync("n3");
        await ControllerCluster.WaitAsync(PodsAsync, ps => ps.Count == 3);
        var status = await ControllerCluster.WaitAsync(() => Client.Resource<DaemonSet>().GetAsync("default", "agent"), d => d.Status?.CurrentNumberScheduled == 3);
        Assert.Equal((3, 0), (status.Status!.DesiredNumberScheduled, status.Status.NumberMisscheduled));
    }

    [Fact]
    public async Task KubectlRolloutStatus_ImageChange_RollsEveryNodeToTheNewRevision()
    {
        await NodeAsync("n1");
        await NodeAsync("n2");
        await Client.Resource<DaemonSet>().CreateAsync(Agent("agent:1"));
        await ControllerCluster.WaitAsync(async () => { await MarkReadyAsync(); return await Client.Resource<DaemonSet>().GetAsync("default", "agent"); }, d => d.Status?.NumberAvailable == 2);

        var (exit, output, error) = await KubectlProcess.Run(_cluster.KubeconfigPath, null, "rollout", "status", "ds/agent", "-n", "default", "--timeout=60s");
        Assert.True(exit == 0, error);
        Assert.Contains("daemon set \"agent\" successfully rolled out", output, StringComparison.Ordinal);

        await Client.Resource<DaemonSet>().PatchAsync("default", "agent", PatchType.Merge, """{"spec":{"template":{"spec":{"containers":[{"name":"agent","image":"agent:2"}]}}}}""");
        using var stop = new CancellationTokenSource();
        var kubelet = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await MarkReadyAsync();
                await Task.Delay(100);
            }
        });
        (exit, output, error) = await KubectlProcess.Run(_cluster.KubeconfigPath, null, "rollout", "status", "ds/agent", "-n", "default", "--timeout=90s");
        await stop.CancelAsync();
        await kubelet;
        Assert.True(exit == 0, output + error);
        Assert.Contains("successfully rolled out", output, StringComparison.Ordinal);
        var pods = await PodsAsync();
        Assert.Equal(["agent:2", "agent:2"], pods.Select(p => p.Spec!.Containers![0].Image!));
        Assert.Equal(2, (await Client.Resource<ControllerRevision>().ListAsync("default")).Items.Count);
    }
}
