using System.Globalization;
using System.Net;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Client;
using FastKube.Cri.Containerd;
using FastKube.Storage.Memory;

namespace FastKube.Bench;

/// <summary>
/// <c>fastkube bench kubelet</c> (issue 6): the node agent as it really runs, a separate <c>fastkube agent</c>
/// process against an API server this scenario hosts (memory store), so the agent's RSS and CPU are its own
/// (/proc/PID). Hollow: N simulated nodes × 30 bound pods, RSS once all are Running. Real: one node on the
/// containerd the agent manages, bound pods created one after another (create → watch shows Running+Ready),
/// then RSS and idle CPU with the pods running, beside containerd's own sandbox+container time measured over
/// CRI in the same run (the <c>cri</c> scenario's figure). The pieces are in KubeletScenario.*.cs.
/// </summary>
internal sealed partial class KubeletScenario : IBenchScenario
{
    /// <summary>Overrides the hollow node count of a full run (short runs on a loaded machine); unset: 1,000.</summary>
    internal const string NodesVariable = "FASTKUBE_BENCH_KUBELET_NODES";

    private const string Namespace = "default";

    public string Name => "kubelet";

    public string Description => "node agent: pod bound → Running+Ready p50/p99 on a real containerd, agent RSS and idle CPU with 50 pods, 1,000 hollow nodes × 30 pods RSS";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = new BenchReport();
        report.Notes["processors"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        report.Notes["load_average"] = SchedulerScenario.LoadAverage();

        using var pki = ClusterPki.LoadOrCreate(Path.Combine(context.WorkDirectory, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        await using var store = new InMemoryStore();
        await using var host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, pki, store, cancellationToken).ConfigureAwait(false);
        var kubeconfig = Path.Combine(context.WorkDirectory, "kubeconfig");
        Kubeconfig.Write(kubeconfig, host.Address, pki.CaCertificate, pki.AdminCertificate);
        using var client = KubeClient.FromKubeconfig(kubeconfig, options: new KubeClientOptions { Qps = 0 });

        await RunHollowAsync(report, context, kubeconfig, client, nodes: context.Quick ? 10
            : int.TryParse(Environment.GetEnvironmentVariable(NodesVariable), CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 1_000, podsPerNode: context.Quick ? 3 : 30, cancellationToken).ConfigureAwait(false);

        var reason = context.Quick
            ? "quick run: the real containerd part is skipped (a second managed containerd would contend with the containerd tests running beside the smoke test)"
            : ManagedContainerd.FindMissingPrerequisites(new ManagedContainerdOptions { BaseDirectory = Path.Combine(context.WorkDirectory, "agent", "containerd"), PodCidr = Agent.NodeRuntime.DefaultPodCidr }) is { Count: > 0 } missing
                ? "containerd cannot run here; missing: " + string.Join("; ", missing)
                : null;
        if (reason is null)
        {
            await RunContainerdAsync(report, context, kubeconfig, client, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            report.Notes["containerd"] = reason;
            context.Log.WriteLine("kubelet: " + reason);
        }

        return report;
    }
}
