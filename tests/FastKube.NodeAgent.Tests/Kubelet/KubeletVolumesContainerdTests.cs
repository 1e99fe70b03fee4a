using System.Text;
using FastKube.Api.Core;
using FastKube.Cri.Containerd;
using FastKube.Api.Meta;
using FastKube.Cri.Tests.Support;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Tests.Support;
using FastKube.NodeAgent.Volumes;
using Microsoft.Extensions.Logging.Abstractions;
using KubeletHost = FastKube.NodeAgent.Kubelet.Kubelet;

namespace FastKube.NodeAgent.Tests.Kubelet;

/// <summary>Pod volumes in real containers (managed containerd; skipped with the reason when the machine cannot run one).</summary>
[Collection(ContainerdCollection.Name)]
public sealed class KubeletVolumesContainerdTests(ContainerdFixture containerd) : IClassFixture<ContainerdFixture>
{
    [ContainerdFact]
    public async Task Pod_SharedEmptyDirConfigMapAndSecret_VisibleInContainersUpdatedAndRemovedWithThePod()
    {
        await using var cluster = await AgentCluster.StartAsync();
        var root = Directory.CreateTempSubdirectory("fk-agent-").FullName;
        var config = new KubeletConfiguration
        {
            NodeName = "containerd-node",
            PodLogsDirectory = Path.Combine(root, "logs"),
            RootDirectory = Path.Combine(root, "agent"),
            SyncFrequency = TimeSpan.FromSeconds(1),
        };
        await using var kubelet = await KubeletHost.StartAsync(cluster.Client, containerd.Runtime, config, NullLoggerFactory.Instance, null, CancellationToken.None);
        kubelet.Volumes.RefreshPeriod = TimeSpan.Zero;
        var configMaps = cluster.Client.Resource<ConfigMap>();
        await configMaps.CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "settings", Namespace = "default" },
            Data = new() { ["greeting"] = "hello" },
        });
        await cluster.Client.Resource<Secret>().CreateAsync(new Secret
        {
            Metadata = new ObjectMeta { Name = "creds", Namespace = "default" },
            Data = new() { ["password"] = Encoding.UTF8.GetBytes("hunter2") },
        });
        var pods = cluster.Client.Resource<Pod>();
        await pods.CreateAsync(TestPods.Make("vols", "containerd-node", p =>
        {
            p.Metadata!.Uid = null;
            p.Status = null;
            p.Spec!.TerminationGracePeriodSeconds = 2;
            p.Spec.Volumes =
            [
                new Volume { Name = "shared", EmptyDir = new EmptyDirVolumeSource() },
                new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "settings" } },
                new Volume { Name = "secret", Secret = new SecretVolumeSource { SecretName = "creds", DefaultMode = 0x100 } },
            ];
            VolumeMount Shared() => new() { Name = "shared", MountPath = "/shared" };
            var init = TestPods.Container("init", "sh", "-c", "echo from-init > /shared/init.txt");
            init.VolumeMounts = [Shared()];
            var writer = TestPods.Container("writer", "sh", "-c", "echo from-writer > /shared/writer.txt; sleep 3600");
            writer.VolumeMounts = [Shared()];
            var reader = TestPods.Container("reader", "sh", "-c", "echo \"config=$(cat /etc/config/greeting) secret=$(cat /etc/secret/password)\"; sleep 3600");
            reader.VolumeMounts =
            [
                Shared(),
                new VolumeMount { Name = "config", MountPath = "/etc/config" },
                new VolumeMount { Name = "config", MountPath = "/greeting", SubPath = "greeting" },
                new VolumeMount { Name = "secret", MountPath = "/etc/secret" },
            ];
            p.Spec.InitContainers = [init];
            p.Spec.Containers = [writer, reader];
        }));

        var running = await Eventually.WaitAsync(() => pods.GetAsync("default", "vols"), p => p.Status?.Phase == PodPhases.Running, "the pod Running");
        var uid = running.Metadata!.Uid!;
        var readerId = running.Status!.ContainerStatuses!.Single(c => c.Name == "reader").ContainerID!["containerd://".Length..];

        async Task<string> Cat(string path)
        {
            var result = await containerd.Runtime.ExecSyncAsync(readerId, ["cat", path], TimeSpan.FromSeconds(30));
            return result.ExitCode == 0 ? result.Stdout.ToStringUtf8().Trim() : "";
        }

        Assert.Equal("from-init", await Cat("/shared/init.txt"));
        await Eventually.WaitAsync(() => Cat("/shared/writer.txt"), text => text == "from-writer", "the writer's file in the reader");
        Assert.Equal("hello", await Cat("/etc/config/greeting"));
        Assert.Equal("hello", await Cat("/greeting"));
        Assert.Equal("hunter2", await Cat("/etc/secret/password"));
        var readOnly = await containerd.Runtime.ExecSyncAsync(readerId, ["sh", "-c", "echo x > /etc/config/new"], TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, readOnly.ExitCode);
        var secretMode = await containerd.Runtime.ExecSyncAsync(readerId, ["stat", "-L", "-c", "%a", "/etc/secret/password"], TimeSpan.FromSeconds(30));
        Assert.Equal("400", secretMode.Stdout.ToStringUtf8().Trim());
        var log = Path.Combine(config.PodLogsDirectory, $"default_vols_{uid}", "reader", "0.log");
        await Eventually.WaitAsync(() => Task.FromResult(File.Exists(log) ? File.ReadAllText(log) : ""),
            text => text.Contains(" stdout F config=hello secret=hunter2", StringComparison.Ordinal), "the volume contents in " + log);
        // An update reaches the volume through the atomic writer's ..data swap; the subPath mount keeps the file it
        // was bound to, as upstream's.
        var settings = await configMaps.GetAsync("default", "settings");
        settings.Data!["greeting"] = "bonjour";
        await configMaps.UpdateAsync(settings);
        await Eventually.WaitAsync(() => Cat("/etc/config/greeting"), text => text == "bonjour", "the updated ConfigMap in the container");
        Assert.Equal("hello", await Cat("/greeting"));

        var podDir = Path.Combine(config.RootDirectory, "pods", uid);
        Assert.True(Directory.Exists(podDir));

        await pods.DeleteAsync("default", "vols");

        await Eventually.WaitAsync(() => pods.TryGetAsync("default", "vols"), p => p is null, "the pod to be gone");
        Assert.False(Directory.Exists(podDir));
        Assert.Empty(MountInfo.MountPointsUnder(config.RootDirectory));
        Directory.Delete(root, recursive: true);
    }
}
