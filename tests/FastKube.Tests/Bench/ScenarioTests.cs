using FastKube.Bench;
using FastKube.Cri.Tests.Support;

namespace FastKube.Tests.Bench;

/// <summary>Each registered scenario runs at smoke size and reports the figures the docs and CI read.</summary>
public sealed class ScenarioTests
{
    public static TheoryData<string, string[]> Scenarios => new()
    {
        { "apiserver", ["creates_per_s", "create_p50_ms", "create_p99_ms", "store_creates_per_s", "list_100k_pods_ms", "watch_fanout_p99_ms", "apiserver_rss_mb"] },
        { "proxy-sync", ["nft_full_sync_ms", "nft_cli_full_sync_ms", "nft_speedup_vs_cli", "nft_partial_sync_p99_ms"] },
        { "codec", ["msgpack_encode_ns", "msgpack_decode_ns", "json_encode_ns", "json_decode_ns", "msgpack_vs_json_speedup", "msgpack_vs_json_size_ratio"] },
        { "l4", ["throughput_ratio_vs_haproxy", "conn_rate_ratio_vs_haproxy", "latency_p99_ratio_vs_haproxy", "latency_p50_ratio_vs_haproxy", "latency_p50_us_direct", "throughput_gbps_direct", "balancer_rss_mb", "haproxy_rss_mb"] },
        { "controllers", ["deployment_10k_create_s", "endpointslice_update_p99_ms"] },
        { "scheduler", ["basic_50n_pods_per_s", "antiaffinity_50n_pods_per_s", "spread_50n_pods_per_s", "bind_e2e_pods_per_s", "basic_50n_algorithm_pods_per_s", "antiaffinity_50n_algorithm_pods_per_s", "spread_50n_algorithm_pods_per_s"] },
        // informer_rss_mb_per_100k_pods is reported too, but working-set growth over 2,000 pods is within the noise (it can be 0).
        { "informer", ["informer_list_100k_ms", "informer_heap_mb_per_100k_pods", "informer_heap_bytes_per_pod"] },
        // Quick: 10 hollow nodes × 3 pods; the real-containerd figures (pod_startup_p50_ms, agent_rss_mb, ...) need a full run.
        { "kubelet", ["hollow_10_nodes_rss_mb", "hollow_registered_rss_mb", "hollow_pods_running_s"] },
        { "store", ["sqlite_creates_per_s", "sqlite_naive_creates_per_s", "memory_creates_per_s", "watch_events_per_s"] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RunAsync_Quick_ReportsPositiveNamedFigures(string name, string[] figures)
    {
        var scenario = BenchScenarios.All.Single(s => s.Name == name);
        var work = Directory.CreateTempSubdirectory("fastkube-scenario-").FullName;
        try
        {
            var report = await scenario.RunAsync(new BenchContext(work, TextWriter.Null, Quick: true), CancellationToken.None);

            foreach (var figure in figures)
            {
                Assert.True(report.Figures.TryGetValue(figure, out var value), $"{name} did not report {figure}");
                Assert.True(value > 0 && double.IsFinite(value), $"{name}: {figure} = {value}; notes: {string.Join(", ", report.Notes.Select(n => $"{n.Key}={n.Value}"))}");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [ContainerdFact]
    public async Task Cri_Quick_ReportsPodStartFigures()
    {
        var work = Directory.CreateTempSubdirectory("fk-bench-").FullName;
        try
        {
            var report = await BenchScenarios.All.Single(s => s.Name == "cri").RunAsync(new BenchContext(work, TextWriter.Null, Quick: true), CancellationToken.None);

            foreach (var figure in new[] { "cri_sandbox_start_ms", "cri_container_start_ms", "cri_pod_start_ms", "cri_pod_teardown_ms", "cri_version_rpc_us" })
            {
                Assert.True(report.Figures.TryGetValue(figure, out var value) && value > 0 && double.IsFinite(value), $"cri: {figure} missing or not positive");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Codec_SizeRatio_IsJsonBytesOverMessagePackBytes()
    {
        var report = await BenchScenarios.All.Single(s => s.Name == "codec").RunAsync(new BenchContext(Path.GetTempPath(), TextWriter.Null, Quick: true), CancellationToken.None);

        Assert.Equal(report.Figures["json_bytes"] / report.Figures["msgpack_bytes"], report.Figures["msgpack_vs_json_size_ratio"], 2);
    }
}
