using System.Net;
using FastKube.Api.Core;
using FastKube.Cri.Tests.Support;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using KubeletHost = FastKube.NodeAgent.Kubelet.Kubelet;

namespace FastKube.NodeAgent.Tests.Kubelet;

/// <summary>The kubelet loop against a real managed containerd (skipped with the reason when the machine cannot run one).</summary>
[Collection(ContainerdCollection.Name)]
public sealed class KubeletContainerdTests(ContainerdFixture containerd) : IClassFixture<ContainerdFixture>
{
    [ContainerdFact]
    public async Task Pod_InitAndMainContainer_RunningWithCniIpSurvivesAgentRestartThenDeleted()
    {
        await using var cluster = await AgentCluster.StartAsync();
        var root = Directory.CreateTempSubdirectory("fk-agent-").FullName;
        var config = new KubeletConfiguration
        {
            NodeName = "containerd-node",
            PodLogsDirectory = Path.Combine(root, "pods"),
            RootDirectory = Path.Combine(root, "agent"),
        };
        var first = await KubeletHost.StartAsync(cluster.Client, containerd.Runtime, config, NullLoggerFactory.Instance, null, CancellationToken.None);
        var pods = cluster.Client.Resource<Pod>();
        await pods.CreateAsync(TestPods.Make("hello", "containerd-node", p =>
        {
            p.Metadata!.Uid = null;
            p.Status = null;
            p.Spec!.TerminationGracePeriodSeconds = 2;
            p.Spec.InitContainers = [TestPods.Container("init", "sh", "-c", "echo init done")];
            p.Spec.Containers = [TestPods.Container("app", "sh", "-c", "echo hi; sleep 30")];
        }));

        var running = await Eventually.WaitAsync(() => pods.GetAsync("default", "hello"), p => p.Status?.Phase == PodPhases.Running, "the pod Running");

        var podIP = IPAddress.Parse(running.Status!.PodIP!);
        Assert.True(IPNetwork.Parse(containerd.Containerd.Options.PodCidr).Contains(podIP), $"{podIP} is not in {containerd.Containerd.Options.PodCidr}");
        Assert.Equal(0, running.Status.InitContainerStatuses![0].State!.Terminated!.ExitCode);
        Assert.StartsWith("containerd://", running.Status.ContainerStatuses![0].ContainerID, StringComparison.Ordinal);
        var log = Path.Combine(config.PodLogsDirectory, $"default_hello_{running.Metadata!.Uid}", "app", "0.log");
        await Eventually.WaitAsync(() => Task.FromResult(File.Exists(log) ? File.ReadAllText(log) : ""), text => text.Contains(" stdout F hi", StringComparison.Ordinal), "hi in " + log);

        // Agent restart: the new agent adopts the running containers instead of starting them again.
        await first.DisposeAsync();
        await using var second = await KubeletHost.StartAsync(cluster.Client, containerd.Runtime, config, NullLoggerFactory.Instance, null, CancellationToken.None);
        await Until.TrueAsync(() => second.Pods.CompletedSyncs >= 1, "a sync by the restarted agent");
        var adopted = await pods.GetAsync("default", "hello");
        Assert.Equal(running.Status.ContainerStatuses[0].ContainerID, adopted.Status!.ContainerStatuses![0].ContainerID);
        Assert.Equal(0, adopted.Status.ContainerStatuses[0].RestartCount);
        Assert.Equal(PodPhases.Running, adopted.Status.Phase);

        await pods.DeleteAsync("default", "hello");

        await Eventually.WaitAsync(() => pods.TryGetAsync("default", "hello"), p => p is null, "the pod to be gone");
        var sandboxes = await containerd.Runtime.ListPodSandboxAsync();
        Assert.DoesNotContain(sandboxes, s => s.Metadata.Uid == running.Metadata.Uid);
        Directory.Delete(root, recursive: true);
    }
}
