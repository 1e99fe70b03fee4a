using System.Diagnostics;
using System.Globalization;
using System.Net;
using FastKube.Balancer.Configuration;
using FastKube.Bench.L4;

namespace FastKube.Bench;

/// <summary>
/// Issue 8's <c>l4</c>: the userspace balancer side by side with HAProxy 2.6 as an equivalent TCP proxy in the
/// same run. Both proxies run in their own process pinned to CPU 0 (taskset); this process (load generators,
/// echo backends) and iperf3 are pinned to CPU 1. Every workload also runs straight to the backend, the
/// physical floor. Figures: bulk throughput (iperf3, one stream), new connections per second (connect, 64-byte
/// request/response, close), keep-alive 64-byte request/response latency p50/p99, and the balancer's RSS
/// holding idle connections. The balancer runs twice, once per TCP relay (Pipelines, the default, and the
/// pooled-block copy loop), so the two are compared in the same run; the <c>*_ratio_vs_haproxy</c> figures
/// are the default's.
/// </summary>
internal sealed class L4Scenario : IBenchScenario
{
    private const int ProxyCpu = 0;
    private const int LoadCpu = 1;
    private const int ConnectWorkers = 16;
    private const int LatencyConnections = 4;

    public string Name => "l4";

    public string Description => "userspace L4 balancer vs HAProxy 2.6 (mode tcp, nbthread 1), both on one CPU: bulk throughput, connection rate, keep-alive latency, idle RSS";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var tool in new[] { ProxyUnderTest.HaproxyPath, Iperf.Path })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"l4 needs {tool} (scripts/install-deps installs haproxy and iperf3)");
            }
        }

        // Full size stays under a minute on the shared development machine: four targets × (warm-up + three workloads).
        var phase = context.Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(2);
        var iperfSeconds = context.Quick ? 1 : 3;
        var idleConnections = context.Quick ? 500 : IdleConnectionsWithin(OpenFileLimit());
        var report = new BenchReport();
        report.Notes["phase_seconds"] = phase.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        report.Notes["iperf_seconds"] = iperfSeconds.ToString(CultureInfo.InvariantCulture);
        report.Notes["connect_workers"] = ConnectWorkers.ToString(CultureInfo.InvariantCulture);
        report.Notes["latency_connections"] = LatencyConnections.ToString(CultureInfo.InvariantCulture);
        report.Notes["message_bytes"] = LoadGenerator.MessageBytes.ToString(CultureInfo.InvariantCulture);
        report.Notes["idle_connections"] = idleConnections.ToString(CultureInfo.InvariantCulture);
        report.Notes["cpus"] = $"proxies on CPU {ProxyCpu}, load generators, backends and iperf3 on CPU {LoadCpu}";

        using var pinning = Environment.ProcessorCount >= 2 ? CpuPinning.To(LoadCpu) : null;
        using var echoA = new EchoServer();
        using var echoB = new EchoServer();
        var iperfPort = ProxyUnderTest.FreePort();
        using var iperfServer = Iperf.StartServer(LoadCpu, iperfPort);
        var iperfBackend = new IPEndPoint(IPAddress.Loopback, iperfPort);
        await iperfServer.WaitListeningAsync(iperfBackend, cancellationToken).ConfigureAwait(false);
        IPEndPoint[] echoBackends = [echoA.EndPoint, echoB.EndPoint];
        using var haproxy = await ProxyUnderTest.StartHaproxyAsync(ProxyCpu, context.WorkDirectory, idleConnections + 100, echoBackends, iperfBackend, cancellationToken).ConfigureAwait(false);
        using var fastkube = await ProxyUnderTest.StartFastKubeAsync(ProxyCpu, TcpRelay.Pipelines, echoBackends, iperfBackend, cancellationToken).ConfigureAwait(false);
        using var fastkubeCopy = await ProxyUnderTest.StartFastKubeAsync(ProxyCpu, TcpRelay.Copy, echoBackends, iperfBackend, cancellationToken).ConfigureAwait(false);
        report.Notes["balancer_rss_base_mb"] = fastkube.Process.RssMiB().ToString("F1", CultureInfo.InvariantCulture);

        var targets = new (string Name, IPEndPoint Echo, IPEndPoint Bulk, ProxyUnderTest? Proxy)[]
        {
            ("direct", echoA.EndPoint, iperfBackend, null),
            ("haproxy", haproxy.Echo, haproxy.Bulk, haproxy),
            ("fastkube", fastkube.Echo, fastkube.Bulk, fastkube),
            ("fastkube_copy", fastkubeCopy.Echo, fastkubeCopy.Bulk, fastkubeCopy),
        };

        // Warm-up: the balancer's JIT tiers up and both proxies fault in their memory before anything is measured.
        foreach (var (_, echo, _, _) in targets)
        {
            await LoadGenerator.ConnectionRateAsync(echo, ConnectWorkers, phase / 2, cancellationToken).ConfigureAwait(false);
            await LoadGenerator.KeepAliveLatencyAsync(echo, LatencyConnections, phase / 2, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (name, echo, _, proxy) in targets)
        {
            var cpu = proxy?.Process.CpuSeconds();
            var clock = Stopwatch.StartNew();
            var (rate, failures) = await LoadGenerator.ConnectionRateAsync(echo, ConnectWorkers, phase, cancellationToken).ConfigureAwait(false);
            report.Figures[$"conn_per_s_{name}"] = rate;
            if (proxy is not null)
            {
                report.Figures[$"conn_per_cpu_s_{name}"] = rate * clock.Elapsed.TotalSeconds / Math.Max(0.01, proxy.Process.CpuSeconds() - cpu!.Value);
            }

            report.Notes[$"connect_failures_{name}"] = failures.ToString(CultureInfo.InvariantCulture);
            context.Log.WriteLine($"l4: {name}: {rate:F0} connections/s");
        }

        foreach (var (name, echo, _, _) in targets)
        {
            var latencies = await LoadGenerator.KeepAliveLatencyAsync(echo, LatencyConnections, phase, cancellationToken).ConfigureAwait(false);
            report.Figures[$"latency_p50_us_{name}"] = LoadGenerator.Percentile(latencies, 0.50);
            report.Figures[$"latency_p99_us_{name}"] = LoadGenerator.Percentile(latencies, 0.99);
            report.Notes[$"latency_samples_{name}"] = latencies.Length.ToString(CultureInfo.InvariantCulture);
            context.Log.WriteLine($"l4: {name}: p50 {report.Figures[$"latency_p50_us_{name}"]:F1} µs, p99 {report.Figures[$"latency_p99_us_{name}"]:F1} µs");
        }

        foreach (var (name, _, bulk, proxy) in targets)
        {
            var cpu = proxy?.Process.CpuSeconds();
            var clock = Stopwatch.StartNew();
            var bits = await Iperf.BitsPerSecondAsync(LoadCpu, bulk, iperfSeconds, cancellationToken).ConfigureAwait(false);
            report.Figures[$"throughput_gbps_{name}"] = bits / 1e9;
            if (proxy is not null)
            {
                // iperf3's own start-up is inside the wall clock; its transfer time is what the proxy worked for.
                report.Figures[$"gbit_per_cpu_s_{name}"] = bits / 1e9 * iperfSeconds / Math.Max(0.01, proxy.Process.CpuSeconds() - cpu!.Value);
                report.Notes[$"iperf_wall_seconds_{name}"] = clock.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
            }

            context.Log.WriteLine($"l4: {name}: {bits / 1e9:F2} Gbit/s");
        }

        foreach (var (proxy, figure) in new[] { (haproxy, "haproxy_rss_mb"), (fastkube, "balancer_rss_mb"), (fastkubeCopy, "balancer_copy_rss_mb") })
        {
            var rss = await IdleRssAsync(proxy, idleConnections, [echoA, echoB], cancellationToken).ConfigureAwait(false);
            report.Figures[figure] = rss;
            context.Log.WriteLine($"l4: {proxy.Name}: {rss:F1} MiB RSS with {idleConnections} idle connections");
        }

        report.Figures["throughput_ratio_vs_haproxy"] = report.Figures["throughput_gbps_fastkube"] / report.Figures["throughput_gbps_haproxy"];
        report.Figures["conn_rate_ratio_vs_haproxy"] = report.Figures["conn_per_s_fastkube"] / report.Figures["conn_per_s_haproxy"];
        report.Figures["latency_p99_ratio_vs_haproxy"] = report.Figures["latency_p99_us_fastkube"] / report.Figures["latency_p99_us_haproxy"];
        report.Figures["latency_p50_ratio_vs_haproxy"] = report.Figures["latency_p50_us_fastkube"] / report.Figures["latency_p50_us_haproxy"];
        // CPU efficiency (work per CPU-second of the proxy process): independent of how much CPU the other
        // tenants of a shared machine left each proxy, which the raw ratios are not.
        report.Figures["throughput_per_cpu_ratio_vs_haproxy"] = report.Figures["gbit_per_cpu_s_fastkube"] / report.Figures["gbit_per_cpu_s_haproxy"];
        report.Figures["conn_per_cpu_ratio_vs_haproxy"] = report.Figures["conn_per_cpu_s_fastkube"] / report.Figures["conn_per_cpu_s_haproxy"];
        report.Figures["copy_throughput_per_cpu_ratio_vs_haproxy"] = report.Figures["gbit_per_cpu_s_fastkube_copy"] / report.Figures["gbit_per_cpu_s_haproxy"];
        report.Figures["copy_conn_per_cpu_ratio_vs_haproxy"] = report.Figures["conn_per_cpu_s_fastkube_copy"] / report.Figures["conn_per_cpu_s_haproxy"];
        report.Figures["copy_throughput_ratio_vs_haproxy"] = report.Figures["throughput_gbps_fastkube_copy"] / report.Figures["throughput_gbps_haproxy"];
        report.Figures["copy_conn_rate_ratio_vs_haproxy"] = report.Figures["conn_per_s_fastkube_copy"] / report.Figures["conn_per_s_haproxy"];
        report.Figures["copy_latency_p99_ratio_vs_haproxy"] = report.Figures["latency_p99_us_fastkube_copy"] / report.Figures["latency_p99_us_haproxy"];
        return report;
    }

    /// <summary>RSS of a proxy once <paramref name="count"/> idle client connections (and their backend connections) are established.</summary>
    private static async Task<double> IdleRssAsync(ProxyUnderTest proxy, int count, EchoServer[] backends, CancellationToken cancellationToken)
    {
        var before = backends.Sum(b => b.Open);
        var sockets = await LoadGenerator.OpenIdleAsync(proxy.Echo, count, cancellationToken).ConfigureAwait(false);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (backends.Sum(b => b.Open) < before + count && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }

            return proxy.Process.RssMiB();
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            var deadline = Stopwatch.StartNew();
            while (backends.Sum(b => b.Open) > before && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// 10,000, or fewer when the open-file limit cannot hold them: a proxy holds two descriptors per connection
    /// (client and backend end) and so does this process (client end, echo backend end). Raising the hard limit
    /// needs CAP_SYS_RESOURCE, which containers often lack (the development machine stops at 20,000).
    /// </summary>
    private static int IdleConnectionsWithin(long openFileLimit) => (int)Math.Min(10_000, (openFileLimit - 1_000) / 2 / 500 * 500);

    private static long OpenFileLimit()
    {
        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
            }
        }

        return 1024;
    }
}
