using FastKube.Cri.V1;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Pleg;
using FastKube.NodeAgent.Pods;
using FastKube.NodeAgent.Simulated;
using FastKube.NodeAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.NodeAgent.Tests.Pleg;

public sealed class GenericPlegTests
{
    [Fact]
    public async Task RelistAsync_Lifecycle_StartedDiedRemovedPerPod()
    {
        using var runtime = new SimulatedRuntime();
        var pleg = new GenericPleg(runtime, "node-a", TimeProvider.System, NullLogger.Instance);
        var pod = TestPods.Make("web", "node-a");
        var sandboxConfig = SandboxConfigBuilder.Build(pod, 0, new KubeletConfiguration { NodeName = "node-a" });
        var sandbox = await runtime.RunPodSandboxAsync(sandboxConfig);
        var container = await runtime.CreateContainerAsync(sandbox, ContainerConfigBuilder.Build(pod, pod.Spec!.Containers![0], 0, TestPods.Image, [], new(), []), sandboxConfig);
        await runtime.StartContainerAsync(container);
        var uid = pod.Metadata!.Uid!;

        var first = await pleg.RelistAsync(CancellationToken.None);
        Assert.Contains(new PodLifecycleEvent(uid, PodLifecycleEventType.SandboxChanged, sandbox), first);
        Assert.Contains(new PodLifecycleEvent(uid, PodLifecycleEventType.ContainerStarted, container), first);
        Assert.Equal(("default", "web"), pleg.Pods[uid]);
        Assert.Empty(await pleg.RelistAsync(CancellationToken.None));

        runtime.ExitContainer("app", 1);
        Assert.Equal([new PodLifecycleEvent(uid, PodLifecycleEventType.ContainerDied, container)], await pleg.RelistAsync(CancellationToken.None));

        await runtime.RemoveContainerAsync(container);
        Assert.Equal([new PodLifecycleEvent(uid, PodLifecycleEventType.ContainerRemoved, container)], await pleg.RelistAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RelistAsync_OtherNodesSandbox_Ignored()
    {
        using var runtime = new SimulatedRuntime();
        var pleg = new GenericPleg(runtime, "node-a", TimeProvider.System, NullLogger.Instance);
        var pod = TestPods.Make("web", "node-b");
        await runtime.RunPodSandboxAsync(SandboxConfigBuilder.Build(pod, 0, new KubeletConfiguration { NodeName = "node-b" }));

        Assert.Empty(await pleg.RelistAsync(CancellationToken.None));
        Assert.Empty(pleg.Pods);
    }
}
