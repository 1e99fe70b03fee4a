using System.Diagnostics;
using System.Globalization;
using FastKube.Api.Core;
using FastKube.Client;

namespace FastKube.Bench;

/// <summary>
/// N hollow nodes in one <c>fastkube agent --runtime simulated --nodes N</c> process: once every node is
/// registered, N × podsPerNode pods bound round-robin are created over HTTP/2 (64 writers), and the agent's RSS
/// is read when all of them are Running+Ready (issue 6: 1,000 × 30 within 1 GiB).
/// </summary>
internal sealed partial class KubeletScenario
{
    private const int Writers = 64;

    private static async Task RunHollowAsync(BenchReport report, BenchContext context, string kubeconfig, KubeClient client, int nodes, int podsPerNode, CancellationToken cancellationToken)
    {
        var pods = nodes * podsPerNode;
        var root = Path.Combine(context.WorkDirectory, "hollow");
        using var observer = new RunningObserver(client);
        await observer.SyncedAsync(cancellationToken).ConfigureAwait(false);
        var agent = await StartAgentAsync(context, kubeconfig, "hollow", root, ["--runtime", "simulated", "--nodes", nodes.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        try
        {
            var registered = Stopwatch.StartNew();
            var nodeClient = client.Resource<Node>();
            while ((await nodeClient.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Items.Count(n => n.Metadata?.Name?.StartsWith("hollow-", StringComparison.Ordinal) == true) < nodes)
            {
                if (registered.Elapsed > AgentPatience)
                {
                    throw new InvalidOperationException($"the {nodes} hollow nodes did not all register within {AgentPatience}");
                }

                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }

            var registration = registered.Elapsed;
            var registeredRss = RssMb(agent);
            context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kubelet: {nodes} hollow nodes registered in {registration.TotalSeconds:F1} s, agent RSS {registeredRss:F0} MiB"));

            var podClient = client.Resource<Pod>();
            var started = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < pods; i = Interlocked.Increment(ref next))
                {
                    await podClient.CreateAsync(MakePod($"hollow-pod-{i}", $"hollow-{i % nodes}"), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken))).ConfigureAwait(false);
            var created = started.Elapsed;
            var all = await observer.WaitForCountAsync(pods, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            var running = started.Elapsed;
            if (!all)
            {
                throw new InvalidOperationException($"only {observer.Count} of {pods} hollow pods became Running+Ready within 5 minutes");
            }

            // Let the status patches and the informer's watch settle before reading the steady-state RSS.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            var rss = RssMb(agent);
            report.Figures[string.Create(CultureInfo.InvariantCulture, $"hollow_{nodes}_nodes_rss_mb")] = rss;
            report.Figures["hollow_pods_running_s"] = running.TotalSeconds;
            report.Figures["hollow_registered_rss_mb"] = registeredRss;
            report.Notes["hollow"] = string.Create(CultureInfo.InvariantCulture,
                $"{nodes} nodes × {podsPerNode} pods: registered in {registration.TotalSeconds:F1} s; {pods} pods created in {created.TotalSeconds:F1} s, all Running+Ready at {running.TotalSeconds:F1} s; RSS {registeredRss:F0} MiB registered, {rss:F0} MiB with the pods");
            context.Log.WriteLine("kubelet: " + report.Notes["hollow"]);
        }
        finally
        {
            StopAgent(agent);
        }
    }
}
