using FastKube.Client.Testing;
using FastKube.Proxy.Metrics;
using FastKube.Proxy.Sync;

namespace FastKube.Proxy.Tests.Metrics;

public sealed class ProxyMetricsTests
{
    [Fact]
    public void Render_AfterFullAndPartialSyncs_CumulativeBucketsPerKindAndLatencyFromTriggerTime()
    {
        var time = new ManualTimeProvider();
        var metrics = new ProxyMetrics(time);
        var trigger = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(2));

        metrics.Record(new SyncOutcome(true, true, TimeSpan.FromMilliseconds(3), 10, 100), 50, new Dictionary<string, int> { ["service-ips"] = 7 });
        metrics.Record(new SyncOutcome(false, true, TimeSpan.FromMilliseconds(1), 1, 5) { TriggerTimes = [trigger] }, 52, new Dictionary<string, int> { ["service-ips"] = 8 });
        metrics.Record(new SyncOutcome(false, false, TimeSpan.Zero, 1, 5), 0, new Dictionary<string, int>());

        string text = metrics.Render();
        Assert.Contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket{le=\"0.001\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket{le=\"0.004\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_sync_proxy_rules_duration_seconds_count 2\n", text, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_sync_full_proxy_rules_duration_seconds_count 1\n", text, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_sync_partial_proxy_rules_duration_seconds_bucket{le=\"0.001\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_network_programming_duration_seconds_bucket{le=\"1.75\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_network_programming_duration_seconds_bucket{le=\"2\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_sync_proxy_rules_nftables_sync_failures_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("fastkube_proxy_nftables_rules 52\n", text, StringComparison.Ordinal);
        Assert.Contains("fastkube_proxy_nftables_map_elements{map=\"service-ips\"} 8\n", text, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_sync_proxy_rules_last_timestamp_seconds 1767225602\n", text, StringComparison.Ordinal);
    }
}
