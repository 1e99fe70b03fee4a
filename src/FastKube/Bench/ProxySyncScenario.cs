using System.Diagnostics;
using System.Globalization;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Netlink;

namespace FastKube.Bench;

/// <summary>
/// <c>fastkube bench proxy-sync</c> (issue 7): a kube-proxy-nftables-shaped ruleset for 10,000 Services × 10
/// endpoints (100 with --quick) — one verdict map (daddr . proto . dport) → per-service chain, numgen vmap →
/// per-endpoint chains that mark hairpin traffic and DNAT — applied as one netlink batch into a fresh network
/// namespace, against the stock <c>nft -f</c> loading the same transaction's text into another fresh one.
/// Then 200 one-endpoint partial syncs (flush the service chain, swap one endpoint chain, re-add the numgen
/// rule). Timings start at the encoded transaction (the CLI's clock starts at the text) and end when the
/// kernel acknowledged the commit.
/// </summary>
internal sealed class ProxySyncScenario : IBenchScenario
{
    private const int EndpointsPerService = 10;
    private const int PartialSyncs = 200;

    public string Name => "proxy-sync";

    public string Description => "nf_tables full sync of N Services × 10 endpoints via netlink vs nft -f, and one-endpoint partial syncs";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // FASTKUBE_PROXY_SYNC_SERVICES overrides the size, for scaling runs (docs/performance.md).
        int services = int.TryParse(Environment.GetEnvironmentVariable("FASTKUBE_PROXY_SYNC_SERVICES"), CultureInfo.InvariantCulture, out int size) && size > 0
            ? size
            : context.Quick ? 100 : 10_000;
        var report = new BenchReport();
        var ruleset = new BenchRuleset(services, EndpointsPerService);
        var build = Stopwatch.StartNew();
        var full = ruleset.FullSync();
        report.Figures["nft_build_ms"] = build.Elapsed.TotalMilliseconds;
        report.Notes["services"] = services.ToString(CultureInfo.InvariantCulture);
        report.Notes["endpoints_per_service"] = EndpointsPerService.ToString(CultureInfo.InvariantCulture);
        report.Notes["operations"] = full.Count.ToString(CultureInfo.InvariantCulture);

        var (fullMs, batchBytes, partials) = NetworkNamespace.RunInNew(() =>
        {
            using var nf = NetlinkNfTables.Open();
            var clock = Stopwatch.StartNew();
            if (nf.Apply(full) is { } error)
            {
                throw new InvalidOperationException("full sync failed: " + error);
            }

            double elapsed = clock.Elapsed.TotalMilliseconds;
            int bytes = nf.LastBatchBytes;
            var random = new Random(7);
            var latencies = new List<double>(PartialSyncs);
            for (int i = 0; i < PartialSyncs; i++)
            {
                var partial = ruleset.ReplaceOneEndpoint(random.Next(services), i);
                var started = Stopwatch.GetTimestamp();
                if (nf.Apply(partial) is { } partialError)
                {
                    throw new InvalidOperationException("partial sync failed: " + partialError);
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return (elapsed, bytes, latencies);
        });

        partials.Sort();
        string suffix = services == 10_000 ? "_10k" : "";
        report.Figures["nft_full_sync" + suffix + "_ms"] = fullMs;
        report.Figures["nft_partial_sync_p50_ms"] = partials[partials.Count / 2];
        report.Figures["nft_partial_sync_p99_ms"] = partials[Math.Min(partials.Count - 1, (int)(partials.Count * 0.99))];
        report.Notes["batch_bytes"] = batchBytes.ToString(CultureInfo.InvariantCulture);
        context.Log.WriteLine($"proxy-sync: {services} services applied through netlink in {fullMs:F0} ms ({batchBytes / 1024} KiB batch)");

        double? cliMs = await NftCliAsync(context, full.ToString(), cancellationToken).ConfigureAwait(false);
        if (cliMs is { } cli)
        {
            report.Figures["nft_cli_full_sync" + suffix + "_ms"] = cli;
            report.Figures["nft_speedup_vs_cli"] = cli / fullMs;
            context.Log.WriteLine($"proxy-sync: the same ruleset through nft -f took {cli:F0} ms");
        }

        return report;
    }

    /// <summary>Times <c>unshare --net nft -f</c> on the rendered transaction; null (with a note in the log) when nft is not installed.</summary>
    private static async Task<double?> NftCliAsync(BenchContext context, string script, CancellationToken cancellationToken)
    {
        string path = Path.Combine(context.WorkDirectory, "proxy-sync.nft");
        await File.WriteAllTextAsync(path, script, cancellationToken).ConfigureAwait(false);
        try
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("unshare", ["--net", "nft", "-f", path]) { RedirectStandardError = true })!;
            string error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"nft -f failed ({process.ExitCode}): {error}");
            }

            return clock.Elapsed.TotalMilliseconds;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            context.Log.WriteLine("proxy-sync: no nft CLI reference: " + exception.Message);
            return null;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
