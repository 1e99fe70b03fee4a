using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Simulated;
using FastKube.Cri.Tests.Support;
using FastKube.NodeAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using KubeletHost = FastKube.NodeAgent.Kubelet.Kubelet;

namespace FastKube.NodeAgent.Tests.Kubelet;

public sealed class KubeletIntegrationTests
{
    [Fact]
    public async Task StartAsync_SimulatedRuntime_NodeReadyWithLeaseThatRenews()
    {
        await using var cluster = await AgentCluster.StartAsync();
        using var runtime = new SimulatedRuntime();
        var config = new KubeletConfiguration { NodeName = "node-1", NodeLeaseDurationSeconds = 4, PodCIDR = "10.244.1.0/24" };

        await using var kubelet = await KubeletHost.StartAsync(cluster.Client, runtime, config, NullLoggerFactory.Instance, null, CancellationToken.None);

        var node = await cluster.Client.Resource<Node>().GetAsync(null, "node-1");
        var ready = node.Status!.Conditions!.Single(c => c.Type == NodeConditionTypes.Ready);
        Assert.Equal(("True", "KubeletReady"), (ready.Status, ready.Reason));
        Assert.Equal("simulated://1.0.0", node.Status.NodeInfo!.ContainerRuntimeVersion);
        Assert.Equal(110, node.Status.Capacity!["pods"].Value());
        Assert.Equal(10250, node.Status.DaemonEndpoints!.KubeletEndpoint!.Port);
        Assert.Equal("10.244.1.0/24", node.Spec!.PodCIDR);
        Assert.Contains(node.Status.Addresses!, a => a.Type == "InternalIP");

        var leases = cluster.Client.Resource<Lease>();
        var lease = await leases.GetAsync("kube-node-lease", "node-1");
        var owner = Assert.Single(lease.Metadata!.OwnerReferences!);
        Assert.Equal(("Node", "node-1", node.Metadata!.Uid), (owner.Kind, owner.Name, owner.Uid));
        Assert.Equal(4, lease.Spec!.LeaseDurationSeconds);
        await Eventually.WaitAsync(() => leases.GetAsync("kube-node-lease", "node-1"), l => l.Spec!.RenewTime > lease.Spec.RenewTime, "a lease renewal");
    }

    [Fact]
    public async Task Pod_BoundToNode_RunsReadyAndDeleteRemovesIt()
    {
        await using var cluster = await AgentCluster.StartAsync();
        using var runtime = new SimulatedRuntime(new SimulatedRuntimeOptions { StartDelay = TimeSpan.FromMilliseconds(20) });
        await using var kubelet = await KubeletHost.StartAsync(cluster.Client, runtime, new KubeletConfiguration { NodeName = "node-1" }, NullLoggerFactory.Instance, null, CancellationToken.None);
        var pods = cluster.Client.Resource<Pod>();

        await pods.CreateAsync(Unsaved("web", "node-1", p => p.Spec!.InitContainers = [TestPods.Container("init", "true")]));
        runtime.Script("init", new ContainerScript { ExitAfter = TimeSpan.FromMilliseconds(50) });

        var running = await Eventually.WaitAsync(() => pods.GetAsync("default", "web"),
            p => p.Status?.Phase == PodPhases.Running && p.Status.Conditions?.Any(c => c.Type == PodConditionTypes.Ready && c.Status == "True") == true, "the pod Running and Ready");
        Assert.StartsWith("10.88.0.", running.Status!.PodIP, StringComparison.Ordinal);
        Assert.Equal(0, running.Status.InitContainerStatuses![0].State!.Terminated!.ExitCode);

        await pods.DeleteAsync("default", "web");

        await Eventually.WaitAsync(() => pods.TryGetAsync("default", "web"), p => p is null, "the pod to be gone");
        Assert.Empty(await runtime.ListPodSandboxAsync());
    }

    [Fact]
    public async Task StartAsync_AfterAgentRestart_AdoptsWithoutRestarting()
    {
        await using var cluster = await AgentCluster.StartAsync();
        using var runtime = new SimulatedRuntime();
        var config = new KubeletConfiguration { NodeName = "node-1" };
        var pods = cluster.Client.Resource<Pod>();
        var first = await KubeletHost.StartAsync(cluster.Client, runtime, config, NullLoggerFactory.Instance, null, CancellationToken.None);
        await pods.CreateAsync(Unsaved("web", "node-1"));
        var before = await Eventually.WaitAsync(() => pods.GetAsync("default", "web"), p => p.Status?.Phase == PodPhases.Running, "the pod Running");
        await first.DisposeAsync();

        await using var second = await KubeletHost.StartAsync(cluster.Client, runtime, config, NullLoggerFactory.Instance, null, CancellationToken.None);
        await pods.CreateAsync(Unsaved("other", "node-1"));
        await Eventually.WaitAsync(() => pods.GetAsync("default", "other"), p => p.Status?.Phase == PodPhases.Running, "a new pod Running under the restarted agent");

        Assert.Equal(2, runtime.Calls["StartContainer"]);
        Assert.Equal(2, runtime.Calls["RunPodSandbox"]);
        var after = await pods.GetAsync("default", "web");
        Assert.Equal(before.Status!.ContainerStatuses![0].ContainerID, after.Status!.ContainerStatuses![0].ContainerID);
        Assert.Equal(0, after.Status.ContainerStatuses[0].RestartCount);
    }

    [Fact]
    public async Task HollowNodes_ThreeNodes_EachReadyAndRunsItsPods()
    {
        await using var cluster = await AgentCluster.StartAsync();
        await using var hollow = await HollowNodes.StartAsync(cluster.Client, 3, "hollow-", new SimulatedRuntimeOptions(), new KubeletConfiguration(), NullLoggerFactory.Instance, CancellationToken.None);
        var pods = cluster.Client.Resource<Pod>();

        var nodes = await cluster.Client.Resource<Node>().ListAsync();
        Assert.Equal(["hollow-0", "hollow-1", "hollow-2"], nodes.Items!.Select(n => n.Metadata!.Name).Order());
        Assert.All(nodes.Items!, n => Assert.Equal("True", n.Status!.Conditions!.Single(c => c.Type == NodeConditionTypes.Ready).Status));
        Assert.Equal(3, (await cluster.Client.Resource<Lease>().ListAsync("kube-node-lease")).Items!.Count);

        await pods.CreateAsync(Unsaved("a", "hollow-1"));
        await pods.CreateAsync(Unsaved("b", "hollow-2"));
        await Eventually.WaitAsync(() => pods.GetAsync("default", "a"), p => p.Status?.Phase == PodPhases.Running, "pod a Running");
        await Eventually.WaitAsync(() => pods.GetAsync("default", "b"), p => p.Status?.Phase == PodPhases.Running, "pod b Running");
        Assert.Single(await hollow.RuntimeOf("hollow-1").ListContainersAsync());
        Assert.Single(await hollow.RuntimeOf("hollow-2").ListContainersAsync());
        Assert.Empty(await hollow.RuntimeOf("hollow-0").ListContainersAsync());
    }

    private static Pod Unsaved(string name, string node, Action<Pod>? mutate = null) => TestPods.Make(name, node, p =>
    {
        p.Metadata!.Uid = null;
        p.Status = null;
        mutate?.Invoke(p);
    });
}
