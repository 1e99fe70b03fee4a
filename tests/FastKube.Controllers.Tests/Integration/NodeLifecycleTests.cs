using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Testing;

namespace FastKube.Controllers.Tests.Integration;

/// <summary>The node lifecycle controller on a manual clock against the real API server: a node stops heartbeating.</summary>
public sealed class NodeLifecycleTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ControllerCluster _cluster = null!;

    private KubeClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ControllerCluster.StartAsync(new ControllerManagerOptions { TimeProvider = _time });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task SilentNode_GetsUnreachableTaintsThenItsPodsAreEvictedAfterTheirToleration()
    {
        var now = _time.GetUtcNow();
        var node = await Client.Resource<Node>().CreateAsync(new Node { Metadata = new ObjectMeta { Name = "quiet" } });
        node.Status = new NodeStatus { Conditions = [new NodeCondition { Type = NodeConditionTypes.Ready, Status = "True", LastHeartbeatTime = now, LastTransitionTime = now }] };
        await Client.Resource<Node>().UpdateStatusAsync(node);
        await Client.Resource<Pod>().CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodSpec { NodeName = "quiet", Containers = [new Container { Name = "web", Image = "nginx" }] },
        });
        await Client.Resource<Pod>().PatchStatusAsync("default", "web", PatchType.Merge, """{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""");

        // Nothing happens within the grace period.
        _time.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(200);
        Assert.Null((await Client.Resource<Node>().GetAsync(null, "quiet")).Spec?.Taints);

        var tainted = await ControllerCluster.WaitAsync(() => Client.Resource<Node>().GetAsync(null, "quiet"), n => n.Spec?.Taints?.Count == 2, () => _time.Advance(TimeSpan.FromSeconds(5)));
        Assert.Equal([("node.kubernetes.io/unreachable", "NoExecute"), ("node.kubernetes.io/unreachable", "NoSchedule")], tainted.Spec!.Taints!.Select(t => (t.Key!, t.Effect!)).Order());
        var ready = tainted.Status!.Conditions!.Single(c => c.Type == NodeConditionTypes.Ready);
        Assert.Equal(("Unknown", "Kubelet stopped posting node status."), (ready.Status, ready.Message));
        await ControllerCluster.WaitAsync(() => Client.Resource<Pod>().GetAsync("default", "web"), p => p.Status!.Conditions!.Single(c => c.Type == "Ready").Status == "False");

        // The API server gave the pod the default 300 s unreachable toleration; it is evicted once that runs out.
        await ControllerCluster.WaitAsync(() => Client.Resource<Pod>().TryGetAsync("default", "web"), p => p?.Metadata?.DeletionTimestamp is not null || p is null, () => _time.Advance(TimeSpan.FromSeconds(20)));
        Assert.True(_time.GetUtcNow() - now >= TimeSpan.FromSeconds(300));
    }

    [Fact]
    public async Task NodeReportingNotReady_GetsNotReadyTaintsAndLosesThemOnRecovery()
    {
        var now = _time.GetUtcNow();
        var node = await Client.Resource<Node>().CreateAsync(new Node { Metadata = new ObjectMeta { Name = "sick" } });
        node.Status = new NodeStatus { Conditions = [new NodeCondition { Type = NodeConditionTypes.Ready, Status = "False", LastHeartbeatTime = now, LastTransitionTime = now }] };
        node = await Client.Resource<Node>().UpdateStatusAsync(node);

        var tainted = await ControllerCluster.WaitAsync(() => Client.Resource<Node>().GetAsync(null, "sick"), n => n.Spec?.Taints?.Count == 2);
        Assert.All(tainted.Spec!.Taints!, t => Assert.Equal("node.kubernetes.io/not-ready", t.Key));

        tainted.Status!.Conditions![0].Status = "True";
        await Client.Resource<Node>().UpdateStatusAsync(tainted);
        await ControllerCluster.WaitAsync(() => Client.Resource<Node>().GetAsync(null, "sick"), n => n.Spec?.Taints is null or { Count: 0 });
    }
}
