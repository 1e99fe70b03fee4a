using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FastKube.ApiServer.Hosting;
using FastKube.ApiServer.Security;
using FastKube.Storage.Sqlite;

namespace FastKube.Bench;

/// <summary>
/// The API server's targets of issue 3, each against a real server on loopback over HTTPS/HTTP/2:
/// <c>creates_per_s</c> (64 clients POST small pods as JSON, SQLite store, beside the raw store's own
/// durable create rate), <c>list_100k_pods_ms</c> (a MessagePack list from the watch cache,
/// ApiServerScenario.List.cs) and <c>watch_fanout_p99_ms</c> with <c>apiserver_rss_mb</c>
/// (MessagePack watchers, ApiServerScenario.Fanout.cs).
/// </summary>
internal sealed partial class ApiServerScenario : IBenchScenario
{
    private const int Clients = 64;

    private const string PodTemplate = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","labels":{"app":"bench"}},"spec":{"containers":[{"name":"app","image":"busybox:1.36","resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]}}""";

    public string Name => "apiserver";

    public string Description => "pod creates over HTTP/2 JSON on SQLite (beside the raw store rate), a 100k-pod MessagePack list from the watch cache, and MessagePack watch fan-out to 10k watchers";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var phase = context.Quick ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10);
        var report = new BenchReport();
        report.Notes["clients"] = Clients.ToString(CultureInfo.InvariantCulture);
        report.Notes["phase_seconds"] = phase.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        report.Notes["transport"] = "HTTPS, HTTP/2, client certificate, loopback";

        var database = Path.Combine(context.WorkDirectory, "apiserver.db");
        using (var pki = ClusterPki.LoadOrCreate(Path.Combine(context.WorkDirectory, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System))
        {
            await CreatesAsync(context, pki, database, phase, report, cancellationToken).ConfigureAwait(false);
            await ListAsync(context, pki, report, "list_100k_pods", SmallPod, cancellationToken).ConfigureAwait(false);
            await ListAsync(context, pki, report, "list_100k_large_pods", LargePod, cancellationToken).ConfigureAwait(false);
            await FanoutAsync(context, pki, report, cancellationToken).ConfigureAwait(false);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }

        report.Figures["store_creates_per_s"] = await StoreScenario.SqliteCreatesPerSecondAsync(context, phase, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static async Task CreatesAsync(BenchContext context, ClusterPki pki, string database, TimeSpan phase, BenchReport report, CancellationToken cancellationToken)
    {
        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = database });
        await using var host = await ApiServerHost.StartAsync(ApiServerOptions.Default with { Port = 0 }, pki, store, cancellationToken).ConfigureAwait(false);
        using var client = Client(pki, host.Address);
        var (creates, failures, firstFailure, latencies, elapsed) = await LoadAsync(client, phase, cancellationToken).ConfigureAwait(false);
        latencies.Sort();
        report.Figures["creates_per_s"] = creates / elapsed.TotalSeconds;
        report.Figures["create_p50_ms"] = Percentile(latencies, 0.50);
        report.Figures["create_p99_ms"] = Percentile(latencies, 0.99);
        report.Notes["creates"] = creates.ToString(CultureInfo.InvariantCulture);
        report.Notes["failed_requests"] = failures.ToString(CultureInfo.InvariantCulture);
        if (firstFailure is not null)
        {
            report.Notes["first_failure"] = firstFailure;
        }

        context.Log.WriteLine($"apiserver: {creates} pods created in {elapsed.TotalSeconds:F2}s, {failures} failed");
    }

    private static async Task<(long Creates, long Failures, string? FirstFailure, List<double> LatenciesMs, TimeSpan Elapsed)> LoadAsync(HttpClient client, TimeSpan phase, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            var latencies = new List<double>();
            long failures = 0;
            string? firstFailure = null;
            for (var i = 0; clock.Elapsed < phase; i++)
            {
                var body = PodTemplate.Replace("NAME", $"bench-{worker}-{i}", StringComparison.Ordinal);
                var started = Stopwatch.GetTimestamp();
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("/api/v1/namespaces/default/pods", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    failures++;
                    firstFailure ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
                }
            }

            return (latencies, failures, firstFailure);
        }, cancellationToken))).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var all = results.SelectMany(r => r.latencies).ToList();
        return (all.Count, results.Sum(r => r.failures), results.Select(r => r.firstFailure).FirstOrDefault(f => f is not null), all, elapsed);
    }

    private static HttpClient Client(ClusterPki pki, Uri address)
    {
        // A 4 MiB stream window, as Go's HTTP/2 transport (client-go) uses: .NET starts at 64 KiB and grows it
        // with the measured round trip, which costs a large list many window updates.
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, InitialHttp2StreamWindowSize = 4 * 1024 * 1024 };
        handler.SslOptions.ClientCertificates = [pki.AdminCertificate];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, _) =>
            server is X509Certificate2 certificate && certificate.Thumbprint == pki.ServingCertificate.Thumbprint;
        return new HttpClient(handler)
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>The quantile of an already sorted list (0 when empty); shared by the scenarios that report latencies.</summary>
    internal static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(quantile * sorted.Count))];
}
