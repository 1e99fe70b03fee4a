using System.Diagnostics;
using System.Globalization;
using FastKube.Agent;
using FastKube.Api.Core;
using FastKube.Client;
using FastKube.Cri.Containerd;

namespace FastKube.Bench;

/// <summary>
/// One real node: <c>fastkube agent --runtime containerd</c> (the agent starts and manages its containerd under
/// the scenario's directory). Pods bound to it are created one after another, each timed from the create to
/// the watch event showing it Running+Ready; then a concurrent batch up to 50 pods; then, with the 50 running,
/// the agent's RSS and its CPU over an idle window. Afterwards the agent stops (containers keep running), the
/// scenario adopts its containerd and times containerd's own sandbox+container start over CRI as the
/// reference, then removes everything.
/// </summary>
internal sealed partial class KubeletScenario
{
    private const int RunningPods = 50;
    private const int SequentialPods = 20;
    private const int ReferencePods = 10;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PodPatience = TimeSpan.FromMinutes(2);

    private static async Task RunContainerdAsync(BenchReport report, BenchContext context, string kubeconfig, KubeClient client, CancellationToken cancellationToken)
    {
        const string node = "kubelet-bench";
        var root = Path.Combine(context.WorkDirectory, "agent");
        using var observer = new RunningObserver(client);
        await observer.SyncedAsync(cancellationToken).ConfigureAwait(false);
        var pods = client.Resource<Pod>();
        var agent = await StartAgentAsync(context, kubeconfig, node, root, ["--runtime", "containerd"], cancellationToken).ConfigureAwait(false);
        try
        {
            // The first pod unpacks the image snapshot and warms containerd and the agent's JIT: not measured.
            await StartAndTimeAsync(pods, observer, "warmup", node, cancellationToken).ConfigureAwait(false);
            var sequential = new List<double>(SequentialPods);
            for (var i = 0; i < SequentialPods; i++)
            {
                sequential.Add(await StartAndTimeAsync(pods, observer, $"seq-{i}", node, cancellationToken).ConfigureAwait(false));
                context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kubelet: pod {i + 1}/{SequentialPods} Running+Ready in {sequential[^1]:F0} ms"));
            }

            var batch = RunningPods - SequentialPods - 1;
            var concurrent = await Task.WhenAll(Enumerable.Range(0, batch).Select(i => StartAndTimeAsync(pods, observer, $"batch-{i}", node, cancellationToken))).ConfigureAwait(false);
            sequential.Sort();
            Array.Sort(concurrent);
            report.Figures["pod_startup_p50_ms"] = ApiServerScenario.Percentile(sequential, 0.50);
            report.Figures["pod_startup_p99_ms"] = ApiServerScenario.Percentile(sequential, 0.99);
            report.Figures["pod_startup_concurrent_p50_ms"] = ApiServerScenario.Percentile([.. concurrent], 0.50);
            report.Figures["pod_startup_concurrent_max_ms"] = concurrent[^1];

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            var ticksBefore = CpuTicks(agent);
            var idle = Stopwatch.StartNew();
            await Task.Delay(IdleWindow, cancellationToken).ConfigureAwait(false);
            var ticks = CpuTicks(agent) - ticksBefore;
            // USER_HZ is 100 on Linux: one tick is 10 ms of CPU.
            report.Figures["agent_idle_cpu_pct"] = ticks * 10.0 / idle.Elapsed.TotalMilliseconds * 100;
            report.Figures["agent_rss_mb"] = RssMb(agent);
            report.Notes["agent"] = string.Create(CultureInfo.InvariantCulture,
                $"{RunningPods} pods running ({SequentialPods} one after another, {batch} at once); idle CPU {ticks} ticks over {idle.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            StopAgent(agent);
        }

        await MeasureReferenceAsync(report, context, root, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<double> StartAndTimeAsync(ResourceClient<Pod> pods, RunningObserver observer, string name, string node, CancellationToken cancellationToken)
    {
        var running = observer.RunningAt(name);
        var sent = Stopwatch.GetTimestamp();
        await pods.CreateAsync(MakePod(name, node), cancellationToken: cancellationToken).ConfigureAwait(false);
        var at = await running.WaitAsync(PodPatience, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds;
    }

    /// <summary>Adopts the agent's containerd (same directory and CIDR as NodeRuntime uses), times CRI pod starts, deletes everything.</summary>
    private static async Task MeasureReferenceAsync(BenchReport report, BenchContext context, string root, CancellationToken cancellationToken)
    {
        var options = new ManagedContainerdOptions
        {
            BaseDirectory = Path.Combine(root, "containerd"),
            PodCidr = NodeRuntime.DefaultPodCidr,
            DeleteEverythingOnDispose = true,
        };
        await using var containerd = await ManagedContainerd.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var starts = new List<double>(ReferencePods);
        for (var i = 0; i < ReferencePods; i++)
        {
            var (_, sandboxMs, containerMs) = await CriScenario.StartPodAsync(containerd.Runtime, context.WorkDirectory, $"reference-{i}", cancellationToken).ConfigureAwait(false);
            starts.Add(sandboxMs + containerMs);
        }

        starts.Sort();
        report.Figures["cri_pod_start_ms"] = ApiServerScenario.Percentile(starts, 0.50);
        report.Notes["reference"] = string.Create(CultureInfo.InvariantCulture,
            $"containerd's own RunPodSandbox + CreateContainer + StartContainer over CRI, {ReferencePods} pods one after another on the agent's containerd (adopted: {containerd.Adopted})");
    }
}
