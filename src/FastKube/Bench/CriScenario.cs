using System.Diagnostics;
using System.Globalization;
using FastKube.Cri;
using FastKube.Cri.Containerd;
using FastKube.Cri.V1;
using FastKube.Agent;

namespace FastKube.Bench;

/// <summary>
/// Pod start through CRI on a real containerd that the scenario manages: for each pod, RunPodSandbox
/// (sandbox container, network namespace, CNI bridge + host-local) and CreateContainer + StartContainer
/// of a busybox container, timed separately, pods one after another as a kubelet's first pod on an idle
/// node would start. Also the round trip of a trivial CRI call (Version), the client's own overhead.
/// </summary>
internal sealed class CriScenario : IBenchScenario
{
    private const string Image = BusyboxImage.Name;

    public string Name => "cri";

    public string Description => "CRI pod start on a managed containerd: RunPodSandbox and CreateContainer+StartContainer p50/p99, Version round trip";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int pods = context.Quick ? 3 : 20;
        int versionCalls = context.Quick ? 50 : 2000;
        var options = new ManagedContainerdOptions
        {
            BaseDirectory = Path.Combine(context.WorkDirectory, "containerd"),
            // A /24 from the benchmark range of RFC 2544, unlikely to meet a real network on the host.
            PodCidr = "198.18.0.0/24",
            BridgeName = "fkbench0",
            NetworkName = "fastkube-bench",
            IpMasquerade = false,
            DeleteEverythingOnDispose = true,
        };
        if (ManagedContainerd.FindMissingPrerequisites(options) is { Count: > 0 } missing)
        {
            throw new InvalidOperationException("the cri scenario needs a real containerd; missing: " + string.Join("; ", missing));
        }

        var report = new BenchReport();
        report.Notes["pods"] = pods.ToString(CultureInfo.InvariantCulture);
        report.Notes["image"] = Image + " (scripts/build-busybox-image), command sleep 3600";
        report.Notes["network"] = "CNI bridge + host-local + portmap (containerd adds loopback)";
        report.Notes["processors"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);

        Directory.CreateDirectory(options.BaseDirectory);
        string tarball = await BusyboxImage.BuildAsync(Path.Combine(context.WorkDirectory, "busybox.tar"), cancellationToken).ConfigureAwait(false);
        var startup = Stopwatch.StartNew();
        await using var containerd = await ManagedContainerd.StartAsync(options, cancellationToken).ConfigureAwait(false);
        report.Figures["containerd_ready_ms"] = startup.Elapsed.TotalMilliseconds;
        await containerd.ImportImageAsync(tarball, cancellationToken).ConfigureAwait(false);
        var version = await containerd.Runtime.VersionAsync(cancellationToken).ConfigureAwait(false);
        report.Notes["runtime"] = $"{version.RuntimeName} {version.RuntimeVersion} (CRI {version.RuntimeApiVersion})";

        var versionTimes = new List<double>(versionCalls);
        for (int i = 0; i < versionCalls; i++)
        {
            var call = Stopwatch.StartNew();
            await containerd.Runtime.VersionAsync(cancellationToken).ConfigureAwait(false);
            versionTimes.Add(call.Elapsed.TotalMicroseconds);
        }

        // One unmeasured pod first: containerd's first sandbox unpacks the image snapshot and warms caches.
        await StartPodAsync(containerd.Runtime, context.WorkDirectory, "warmup", cancellationToken).ConfigureAwait(false);
        var sandboxTimes = new List<double>(pods);
        var containerTimes = new List<double>(pods);
        var teardownTimes = new List<double>(pods);
        for (int i = 0; i < pods; i++)
        {
            var (sandboxId, sandboxMs, containerMs) = await StartPodAsync(containerd.Runtime, context.WorkDirectory, $"bench-{i}", cancellationToken).ConfigureAwait(false);
            sandboxTimes.Add(sandboxMs);
            containerTimes.Add(containerMs);
            var teardown = Stopwatch.StartNew();
            await containerd.Runtime.StopPodSandboxAsync(sandboxId, cancellationToken).ConfigureAwait(false);
            await containerd.Runtime.RemovePodSandboxAsync(sandboxId, cancellationToken).ConfigureAwait(false);
            teardownTimes.Add(teardown.Elapsed.TotalMilliseconds);
            context.Log.WriteLine($"cri: pod {i + 1}/{pods}: sandbox {sandboxMs:F0} ms, container {containerMs:F0} ms");
        }

        report.Figures["cri_sandbox_start_ms"] = Percentile(sandboxTimes, 0.50);
        report.Figures["cri_sandbox_start_p99_ms"] = Percentile(sandboxTimes, 0.99);
        report.Figures["cri_container_start_ms"] = Percentile(containerTimes, 0.50);
        report.Figures["cri_container_start_p99_ms"] = Percentile(containerTimes, 0.99);
        report.Figures["cri_pod_start_ms"] = Percentile(sandboxTimes.Zip(containerTimes, (s, c) => s + c), 0.50);
        report.Figures["cri_pod_teardown_ms"] = Percentile(teardownTimes, 0.50);
        report.Figures["cri_version_rpc_us"] = Percentile(versionTimes, 0.50);
        return report;
    }

    internal static async Task<(string SandboxId, double SandboxMs, double ContainerMs)> StartPodAsync(IRuntimeService runtime, string workDirectory, string name, CancellationToken cancellationToken)
    {
        string uid = Guid.NewGuid().ToString();
        var sandbox = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "bench", Uid = uid },
            Hostname = name,
            LogDirectory = Path.Combine(workDirectory, "pods", $"bench_{name}_{uid}"),
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = new NamespaceOption { Pid = NamespaceMode.Container } },
            },
        };
        var clock = Stopwatch.StartNew();
        string sandboxId = await runtime.RunPodSandboxAsync(sandbox, cancellationToken: cancellationToken).ConfigureAwait(false);
        double sandboxMs = clock.Elapsed.TotalMilliseconds;
        var container = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = "app" },
            Image = new ImageSpec { Image = Image },
            Command = { "sleep", "3600" },
            LogPath = "app/0.log",
        };
        clock.Restart();
        string containerId = await runtime.CreateContainerAsync(sandboxId, container, sandbox, cancellationToken).ConfigureAwait(false);
        await runtime.StartContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
        return (sandboxId, sandboxMs, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Runs scripts/build-busybox-image from the checkout this binary was built in (or the current directory's).</summary>
    private static double Percentile(IEnumerable<double> values, double quantile) => ApiServerScenario.Percentile([.. values.Order()], quantile);
}
