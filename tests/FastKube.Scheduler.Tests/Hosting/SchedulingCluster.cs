using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client;
using FastKube.Scheduler.Config;
using FastKube.Scheduler.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Scheduler.Tests.Hosting;

/// <summary>
/// The real API server in-process (memory store) with <see cref="SchedulerService"/> running against it, and
/// three Node objects created with kubectl (no kubelets: nodes are plain objects): node-a (zone-a, disk=ssd),
/// node-b (zone-b, disk=hdd), node-c (zone-c, tainted dedicated=gpu:NoSchedule); each 4 cpu, 8Gi, 110 pods.
/// </summary>
public sealed class SchedulingCluster : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private TestCluster? _cluster;
    private KubeClient? _client;
    private SchedulerService? _scheduler;

    internal TestCluster Cluster => _cluster!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _client = KubeClient.FromKubeconfig(_cluster.KubeconfigPath, options: new KubeClientOptions { Qps = 0 });
        await KubectlOk(Nodes, "create", "-f", "-");
        _scheduler = await SchedulerService.StartAsync(_client, SchedulerConfiguration.Default, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_scheduler is not null)
        {
            await _scheduler.DisposeAsync();
        }

        _client?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Runs kubectl and fails the test unless it exits 0; returns stdout.</summary>
    internal async Task<string> KubectlOk(string? stdin, params string[] args)
    {
        var (exit, output, error) = await Cluster.Kubectl(stdin, args);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', args)} exited {exit}: {error}");
        return output;
    }

    /// <summary>Creates a pod from YAML with kubectl and waits until the scheduler bound it; returns its node.</summary>
    internal async Task<string> CreateAndWaitForNodeAsync(string yaml, string name)
    {
        await KubectlOk(yaml, "create", "-f", "-");
        return await PollAsync(async () =>
        {
            var node = await KubectlOk(null, "get", "pod", name, "-o", "jsonpath={.spec.nodeName}");
            return node.Length > 0 ? node : null;
        }, $"pod {name} was never bound");
    }

    /// <summary>Polls until <paramref name="probe"/> answers non-null, failing with <paramref name="failure"/> after a deadline generous enough for a loaded machine.</summary>
    internal static async Task<string> PollAsync(Func<Task<string?>> probe, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } answer)
            {
                return answer;
            }

            await Task.Delay(200);
        }

        Assert.Fail(failure);
        return "";
    }

    private static string Nodes => string.Join("---\n", Node("node-a", "zone-a", "ssd", taint: false), Node("node-b", "zone-b", "hdd", taint: false), Node("node-c", "zone-c", "hdd", taint: true));

    private static string Node(string name, string zone, string disk, bool taint) => $$"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {{name}}
          labels:
            kubernetes.io/hostname: {{name}}
            topology.kubernetes.io/zone: {{zone}}
            disk: {{disk}}
        spec:
          taints: {{(taint ? "[{key: dedicated, value: gpu, effect: NoSchedule}]" : "[]")}}
        status:
          capacity: {cpu: "4", memory: 8Gi, pods: "110"}
          allocatable: {cpu: "4", memory: 8Gi, pods: "110"}

        """;
}
