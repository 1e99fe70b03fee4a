using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Cri.Tests.Support;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Simulated;
using FastKube.NodeAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using KubeletHost = FastKube.NodeAgent.Kubelet.Kubelet;

namespace FastKube.NodeAgent.Tests.Kubelet;

/// <summary>Pod volumes through the whole loop (API server, informer, workers) on the simulated runtime.</summary>
public sealed class KubeletVolumeTests
{
    [Fact]
    public async Task Pod_MissingConfigMapVolume_ContainerCreatingWithFailedMountThenRunsWhenCreated()
    {
        await using var cluster = await AgentCluster.StartAsync();
        using var runtime = new SimulatedRuntime();
        await using var kubelet = await KubeletHost.StartAsync(cluster.Client, runtime, new KubeletConfiguration { NodeName = "node-1" }, NullLoggerFactory.Instance, null, CancellationToken.None);
        var pods = cluster.Client.Resource<Pod>();

        await pods.CreateAsync(TestPods.Make("web", "node-1", p =>
        {
            p.Metadata!.Uid = null;
            p.Status = null;
            p.Spec!.Volumes = [new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "settings" } }];
            p.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "config", MountPath = "/etc/app" }];
        }));

        var events = cluster.Client.Resource<Event>();
        var failed = await Eventually.WaitAsync(() => events.ListAsync("default"), l => l.Items!.Any(e => e.Reason == "FailedMount"), "a FailedMount event");
        var failedMount = failed.Items!.First(e => e.Reason == "FailedMount");
        Assert.Equal("MountVolume.SetUp failed for volume \"config\" : configmap \"settings\" not found", failedMount.Message);
        Assert.Equal(("Warning", "Pod", "web"), (failedMount.Type, failedMount.InvolvedObject!.Kind, failedMount.InvolvedObject.Name));
        var waiting = await Eventually.WaitAsync(() => pods.GetAsync("default", "web"), p => p.Status?.ContainerStatuses is not null, "a container status");
        Assert.Equal(PodPhases.Pending, waiting.Status!.Phase);
        Assert.Equal("ContainerCreating", waiting.Status.ContainerStatuses![0].State!.Waiting!.Reason);
        Assert.Empty(await runtime.ListPodSandboxAsync());

        await cluster.Client.Resource<ConfigMap>().CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "settings", Namespace = "default" },
            Data = new() { ["mode"] = "fast" },
        });

        await Eventually.WaitAsync(() => pods.GetAsync("default", "web"), p => p.Status?.Phase == PodPhases.Running, "the pod Running once the ConfigMap exists");
        var mount = Assert.Single(Assert.Single(runtime.CreatedConfigs("app")).Mounts);
        Assert.Equal(("/etc/app", true), (mount.ContainerPath, mount.Readonly));
    }
}
