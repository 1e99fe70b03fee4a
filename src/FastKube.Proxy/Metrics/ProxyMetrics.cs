using System.Globalization;
using System.Text;
using FastKube.Proxy.Sync;

namespace FastKube.Proxy.Metrics;

/// <summary>
/// The proxy's /metrics in the Prometheus text format (0.0.4), with upstream kube-proxy's metric names where
/// one exists. The Balancer has its own Prometheus writer; components do not share code, so this is the
/// proxy's minimal one (histograms, gauges, counters).
/// </summary>
internal sealed class ProxyMetrics
{
    // kube-proxy's sync duration buckets: exponential from 1 ms, factor 2, 15 buckets.
    private static readonly double[] SyncBuckets = Enumerable.Range(0, 15).Select(i => 0.001 * Math.Pow(2, i)).ToArray();

    // kube-proxy's network programming buckets: 0.25 s steps to 5 s, then 1 s to 30 s, then 5 s to 60 s, then 5 min steps to 5 min.
    private static readonly double[] ProgrammingBuckets =
        [.. Enumerable.Range(1, 20).Select(i => i * 0.25), .. Enumerable.Range(6, 25).Select(i => (double)i), .. Enumerable.Range(7, 6).Select(i => i * 5.0), 120, 180, 240, 300];

    private readonly Lock _gate = new();
    private readonly Histogram _all = new(SyncBuckets);
    private readonly Histogram _full = new(SyncBuckets);
    private readonly Histogram _partial = new(SyncBuckets);
    private readonly Histogram _programming = new(ProgrammingBuckets);
    private readonly TimeProvider _time;
    private double _lastSync;
    private double _lastQueued;
    private long _failures;
    private int _rules;
    private IReadOnlyDictionary<string, int> _elements = new Dictionary<string, int>();

    public ProxyMetrics(TimeProvider time) => _time = time;

    public void Queued()
    {
        lock (_gate)
        {
            _lastQueued = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        }
    }

    public void Record(SyncOutcome outcome, int rules, IReadOnlyDictionary<string, int> elements)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!outcome.Succeeded)
            {
                _failures++;
                return;
            }

            double seconds = outcome.Duration.TotalSeconds;
            _all.Observe(seconds);
            (outcome.Full ? _full : _partial).Observe(seconds);
            _lastSync = now.ToUnixTimeMilliseconds() / 1000.0;
            _rules = rules;
            _elements = elements;
            foreach (var trigger in outcome.TriggerTimes)
            {
                _programming.Observe(Math.Max(0, (now - trigger).TotalSeconds));
            }
        }
    }

    public string Render()
    {
        var text = new StringBuilder(4096);
        lock (_gate)
        {
            _all.Write(text, "kubeproxy_sync_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds");
            _full.Write(text, "kubeproxy_sync_full_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds for full resyncs");
            _partial.Write(text, "kubeproxy_sync_partial_proxy_rules_duration_seconds", "SyncProxyRules latency in seconds for partial resyncs");
            _programming.Write(text, "kubeproxy_network_programming_duration_seconds", "In Cluster Network Programming Latency in seconds");
            Gauge(text, "kubeproxy_sync_proxy_rules_last_timestamp_seconds", "The last time proxy rules were successfully synced", _lastSync);
            Gauge(text, "kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds", "The last time a sync of proxy rules was queued", _lastQueued);
            text.Append("# HELP kubeproxy_sync_proxy_rules_nftables_sync_failures_total Cumulative proxy nftables sync failures\n")
                .Append("# TYPE kubeproxy_sync_proxy_rules_nftables_sync_failures_total counter\n")
                .Append("kubeproxy_sync_proxy_rules_nftables_sync_failures_total ").Append(_failures.ToString(CultureInfo.InvariantCulture)).Append('\n');
            Gauge(text, "fastkube_proxy_nftables_rules", "Rules in the proxy's nf_tables table after the last sync", _rules);
            text.Append("# HELP fastkube_proxy_nftables_map_elements Elements of each dispatch map after the last sync\n")
                .Append("# TYPE fastkube_proxy_nftables_map_elements gauge\n");
            foreach (var (map, count) in _elements.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                text.Append("fastkube_proxy_nftables_map_elements{map=\"").Append(map).Append("\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, double value) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(" gauge\n")
            .Append(name).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    private sealed class Histogram(double[] bounds)
    {
        private readonly long[] _counts = new long[bounds.Length];
        private long _count;
        private double _sum;

        public void Observe(double value)
        {
            for (int i = 0; i < bounds.Length; i++)
            {
                if (value <= bounds[i])
                {
                    _counts[i]++;
                }
            }

            _count++;
            _sum += value;
        }

        public void Write(StringBuilder text, string name, string help)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(" histogram\n");
            for (int i = 0; i < bounds.Length; i++)
            {
                text.Append(name).Append("_bucket{le=\"").Append(bounds[i].ToString("R", CultureInfo.InvariantCulture)).Append("\"} ")
                    .Append(_counts[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            text.Append(name).Append("_bucket{le=\"+Inf\"} ").Append(_count.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(name).Append("_sum ").Append(_sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
                .Append(name).Append("_count ").Append(_count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
