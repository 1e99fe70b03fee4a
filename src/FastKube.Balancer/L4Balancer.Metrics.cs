using FastKube.Balancer.Metrics;

namespace FastKube.Balancer;

public sealed partial class L4Balancer
{
    /// <summary>The content type of <see cref="RenderMetrics"/>.</summary>
    public const string MetricsContentType = PrometheusText.ContentType;

    /// <summary>Counters of every backend known (serving, ejected or still draining), sorted by frontend then endpoint.</summary>
    public IReadOnlyList<BackendStats> BackendStats()
    {
        var now = _clock.Now;
        lock (_applyLock)
        {
            return _backendStates.Values
                .Select(b => new BackendStats(
                    b.Frontend,
                    b.Endpoint,
                    Volatile.Read(ref b.Active),
                    Volatile.Read(ref b.Total),
                    Volatile.Read(ref b.BytesIn),
                    Volatile.Read(ref b.BytesOut),
                    Volatile.Read(ref b.ConnectErrors),
                    Volatile.Read(ref b.Ejections),
                    b.IsEjected(now),
                    b.IsDraining))
                .OrderBy(b => b.Frontend, StringComparer.Ordinal)
                .ThenBy(b => b.Endpoint.ToString(), StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Counters of every configured frontend, sorted by name.</summary>
    public IReadOnlyList<FrontendStats> FrontendStats()
    {
        lock (_applyLock)
        {
            return _frontendStates.Values
                .Select(f => new FrontendStats(f.Name, Volatile.Read(ref f.Active), Volatile.Read(ref f.Accepted), Volatile.Read(ref f.Rejected)))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>All counters in the Prometheus text format, for the proxy's <c>/metrics</c>.</summary>
    public string RenderMetrics()
    {
        var text = new PrometheusText();
        var frontends = FrontendStats();
        FrontendFamily(text, frontends, "fastkube_balancer_frontend_active_connections", "gauge", "Open connections (TCP) or flows (UDP) of a frontend.", f => f.ActiveConnections);
        FrontendFamily(text, frontends, "fastkube_balancer_frontend_accepted_total", "counter", "Connections or flows a frontend accepted.", f => f.Accepted);
        FrontendFamily(text, frontends, "fastkube_balancer_frontend_rejected_total", "counter", "Connections or flows reset because the frontend was at maxConnections.", f => f.Rejected);

        var backends = BackendStats();
        BackendFamily(text, backends, "fastkube_balancer_backend_active_connections", "gauge", "Open connections or flows to a backend.", b => b.ActiveConnections);
        BackendFamily(text, backends, "fastkube_balancer_backend_connections_total", "counter", "Connections or flows established to a backend.", b => b.Connections);
        text.Family("fastkube_balancer_backend_bytes_total", "counter", "Bytes relayed; direction in is client to backend, out is backend to client.");
        foreach (var b in backends)
        {
            var endpoint = b.Endpoint.ToString();
            text.Sample("fastkube_balancer_backend_bytes_total", [("backend", endpoint), ("direction", "in"), ("frontend", b.Frontend)], b.BytesIn);
            text.Sample("fastkube_balancer_backend_bytes_total", [("backend", endpoint), ("direction", "out"), ("frontend", b.Frontend)], b.BytesOut);
        }

        BackendFamily(text, backends, "fastkube_balancer_backend_connect_errors_total", "counter", "Failed or timed-out connects to a backend (ICMP unreachable for UDP).", b => b.ConnectErrors);
        BackendFamily(text, backends, "fastkube_balancer_backend_ejections_total", "counter", "Times passive health ejected a backend.", b => b.Ejections);
        BackendFamily(text, backends, "fastkube_balancer_backend_ejected", "gauge", "1 while a backend is ejected.", b => b.Ejected ? 1 : 0);
        BackendFamily(text, backends, "fastkube_balancer_backend_draining", "gauge", "1 while a removed backend drains.", b => b.Draining ? 1 : 0);
        return text.ToString();
    }

    private static void FrontendFamily(PrometheusText text, IReadOnlyList<FrontendStats> frontends, string name, string type, string help, Func<FrontendStats, long> value)
    {
        text.Family(name, type, help);
        foreach (var frontend in frontends)
        {
            text.Sample(name, [("frontend", frontend.Name)], value(frontend));
        }
    }

    private static void BackendFamily(PrometheusText text, IReadOnlyList<BackendStats> backends, string name, string type, string help, Func<BackendStats, long> value)
    {
        text.Family(name, type, help);
        foreach (var backend in backends)
        {
            text.Sample(name, [("backend", backend.Endpoint.ToString()), ("frontend", backend.Frontend)], value(backend));
        }
    }
}
