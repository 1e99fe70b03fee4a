using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Netlink;

namespace FastKube.Bench;

/// <summary>
/// <c>fastkube bench proxy-sync</c> (issue 7): N Services × 10 endpoints (10,000; 100 with --quick) in the
/// compact shape of docs/proxy-ruleset-shape.md — verdict map (daddr . proto . dport) → per-service chain with
/// one <c>dnat to numgen … map</c> rule; endpoints are elements of shared DNAT target maps; hairpin traffic is
/// masqueraded by a postrouting set — applied as one netlink batch into a fresh network namespace, against the
/// stock <c>nft -f</c> loading the same transaction's text into another. Then 200 one-endpoint partial syncs,
/// and the first-packet cost: median TCP connect time to a ClusterIP with N Services programmed divided by the
/// same with N/100 (10,000 vs 100). Timings start at the encoded transaction (the CLI's clock starts at the
/// text) and end when the kernel acknowledged the commit. FASTKUBE_PROXY_SYNC_SHAPE=upstream loads kube-proxy's
/// own shape (per-endpoint chains, anonymous numgen vmaps) for comparison.
/// </summary>
internal sealed class ProxySyncScenario : IBenchScenario
{
    private const int EndpointsPerService = 10;
    private const int PartialSyncs = 200;
    private const int ConnectRounds = 20;
    private const int ConnectsPerRound = 100;

    public string Name => "proxy-sync";

    public string Description => "nf_tables full sync of N Services × 10 endpoints via netlink vs nft -f, one-endpoint partial syncs, first-packet cost";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // FASTKUBE_PROXY_SYNC_SERVICES overrides the size, for scaling runs (docs/performance.md).
        int services = int.TryParse(Environment.GetEnvironmentVariable("FASTKUBE_PROXY_SYNC_SERVICES"), CultureInfo.InvariantCulture, out int size) && size > 0
            ? size
            : context.Quick ? 100 : 10_000;
        var shape = Environment.GetEnvironmentVariable("FASTKUBE_PROXY_SYNC_SHAPE") == "upstream" ? BenchShape.Upstream : BenchShape.Compact;
        var report = new BenchReport();
        var ruleset = new BenchRuleset(services, EndpointsPerService, shape);
        var build = Stopwatch.StartNew();
        var full = ruleset.FullSync();
        report.Figures["nft_build_ms"] = build.Elapsed.TotalMilliseconds;
        report.Notes["services"] = services.ToString(CultureInfo.InvariantCulture);
        report.Notes["endpoints_per_service"] = EndpointsPerService.ToString(CultureInfo.InvariantCulture);
        report.Notes["operations"] = full.Count.ToString(CultureInfo.InvariantCulture);
        report.Notes["shape"] = shape.ToString().ToLowerInvariant();
        string suffix = services == 10_000 ? "_10k" : "";

        using (var big = new BenchNamespace())
        using (var nf = NetlinkNfTables.Open(big.Name))
        {
            var clock = Stopwatch.StartNew();
            if (nf.Apply(full) is { } error)
            {
                throw new InvalidOperationException("full sync failed: " + error);
            }

            double fullMs = clock.Elapsed.TotalMilliseconds;
            report.Figures["nft_full_sync" + suffix + "_ms"] = fullMs;
            report.Figures["nft_full_sync_encode_ms"] = nf.LastEncodeTime.TotalMilliseconds;
            report.Notes["batch_bytes"] = nf.LastBatchBytes.ToString(CultureInfo.InvariantCulture);
            context.Log.WriteLine($"proxy-sync: {services} services ({shape}) applied through netlink in {fullMs:F0} ms ({nf.LastBatchBytes / 1024} KiB batch)");

            var partials = PartialSyncLatencies(nf, ruleset, services);
            report.Figures["nft_partial_sync_p50_ms"] = partials[partials.Count / 2];
            report.Figures["nft_partial_sync_p99_ms"] = partials[Math.Min(partials.Count - 1, (int)(partials.Count * 0.99))];
            report.Figures["nft_partial_sync_max_ms"] = partials[^1];

            // The bench process holds what a proxy holds after a full sync: the desired ruleset and the last batch.
            report.Figures["proxy_rss_mb"] = Environment.WorkingSet / (1024.0 * 1024.0);

            int smallServices = Math.Max(1, services / 100);
            using var small = new BenchNamespace();
            using var nfSmall = NetlinkNfTables.Open(small.Name);
            if (nfSmall.Apply(new BenchRuleset(smallServices, EndpointsPerService, shape).FullSync()) is { } smallError)
            {
                throw new InvalidOperationException("small full sync failed: " + smallError);
            }

            var (bigUs, smallUs) = MedianConnectMicros(big.Name, services, small.Name, smallServices);
            string ratioName = services == 10_000 ? "first_packet_ratio_10k_vs_100" : "first_packet_ratio";
            report.Figures[ratioName] = bigUs / smallUs;
            report.Figures["first_packet_connect" + suffix + "_us"] = bigUs;
            report.Notes["first_packet_small_services"] = smallServices.ToString(CultureInfo.InvariantCulture);
            context.Log.WriteLine($"proxy-sync: median connect to a ClusterIP {bigUs:F1} µs with {services} services, {smallUs:F1} µs with {smallServices}");
        }

        double? cliMs = await NftCliAsync(context, full.ToString(), cancellationToken).ConfigureAwait(false);
        if (cliMs is { } cli)
        {
            report.Figures["nft_cli_full_sync" + suffix + "_ms"] = cli;
            report.Figures["nft_speedup_vs_cli"] = cli / report.Figures["nft_full_sync" + suffix + "_ms"];
            context.Log.WriteLine($"proxy-sync: the same ruleset through nft -f took {cli:F0} ms");
        }

        return report;
    }

    /// <summary>Sorted latencies of one-endpoint partial syncs on random services.</summary>
    private static List<double> PartialSyncLatencies(NetlinkNfTables nf, BenchRuleset ruleset, int services)
    {
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

        latencies.Sort();
        return latencies;
    }

    /// <summary>
    /// Median TCP connect time (µs) to random ClusterIPs in each namespace, in alternating rounds so machine load
    /// affects both alike. A loopback connect is one SYN through nat output (the service dispatch and DNAT of the
    /// first packet), postrouting, and the SYN-ACK back.
    /// </summary>
    private static (double Big, double Small) MedianConnectMicros(string big, int bigServices, string small, int smallServices)
    {
        using var bigListener = new Listener(big);
        using var smallListener = new Listener(small);
        var random = new Random(11);
        var bigTimes = new List<double>(ConnectRounds * ConnectsPerRound);
        var smallTimes = new List<double>(ConnectRounds * ConnectsPerRound);
        for (int round = 0; round < ConnectRounds; round++)
        {
            Connect(big, bigServices, random, bigTimes);
            Connect(small, smallServices, random, smallTimes);
        }

        bigTimes.Sort();
        smallTimes.Sort();
        return (bigTimes[bigTimes.Count / 2], smallTimes[smallTimes.Count / 2]);
    }

    private static void Connect(string ns, int services, Random random, List<double> times) => NetworkNamespace.Run(ns, () =>
    {
        for (int i = 0; i < ConnectsPerRound; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var target = new IPEndPoint(BenchRuleset.ServiceIp(random.Next(services)), 80);
            long started = Stopwatch.GetTimestamp();
            socket.Connect(target);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);

            // Reset instead of FIN: no TIME_WAIT pile-up over thousands of connects.
            socket.LingerState = new LingerOption(true, 0);
        }
    });

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

    /// <summary>
    /// A named network namespace set up like a node for the probe: lo up with a client address, the service
    /// range 10.96.0.0/12 routed over lo (so connect() finds a route before nat output rewrites it), and
    /// 10.176.0.0/12 — every bench endpoint — local (AnyIP), so one listener on port 80 answers all endpoints.
    /// </summary>
    private sealed class BenchNamespace : IDisposable
    {
        public BenchNamespace()
        {
            Name = "fkbench-" + Guid.NewGuid().ToString("N")[..10];
            Ip("netns", "add", Name);
            try
            {
                Ip("-n", Name, "link", "set", "lo", "up");
                Ip("-n", Name, "addr", "add", "10.95.0.1/32", "dev", "lo");
                Ip("-n", Name, "route", "add", "10.96.0.0/12", "dev", "lo", "src", "10.95.0.1");
                Ip("-n", Name, "route", "add", "local", "10.176.0.0/12", "dev", "lo");
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string Name { get; }

        public void Dispose() => Ip("netns", "del", Name);

        private static void Ip(params string[] arguments)
        {
            using var process = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed: {error}");
            }
        }
    }

    /// <summary>A listener on 0.0.0.0:80 inside a namespace that accepts and drops every connection.</summary>
    private sealed class Listener : IDisposable
    {
        private readonly Socket _socket;
        private readonly Thread _acceptor;

        public Listener(string ns)
        {
            _socket = NetworkNamespace.Run(ns, () =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Any, 80));
                socket.Listen(1024);
                return socket;
            });
            _acceptor = new Thread(Accept) { IsBackground = true, Name = "proxy-sync accept" };
            _acceptor.Start();
        }

        public void Dispose()
        {
            _socket.Dispose();
            _acceptor.Join();
        }

        private void Accept()
        {
            try
            {
                while (true)
                {
                    _socket.Accept().Dispose();
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Disposed: the probe is over.
            }
        }
    }
}
