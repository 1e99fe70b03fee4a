using FastKube.Balancer.Configuration;
using FastKube.Balancer.Metrics;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Metrics;

public sealed class MetricsTests
{
    [Fact]
    public async Task RenderMetrics_AfterTraffic_ShowsPerBackendCounters()
    {
        using var backend = new TestBackend();
        await using var balancer = Balancers.Create(new ManualClock());
        var refused = TestBackend.ClosedPort();
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", refused, backend.EndPoint) with
        {
            Health = new HealthOptions(1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)),
        }]));
        using (var client = await Clients.ConnectAsync(balancer.ListenerEndPoint("web")!))
        {
            Assert.Equal("abc", await Clients.RoundTripAsync(client, "abc"));
        }

        await Wait.UntilAsync(() => balancer.ActiveTcpConnections == 0, "the connection to end");
        var text = balancer.RenderMetrics();

        var good = backend.EndPoint.ToString();
        var bad = refused.ToString();
        Assert.Contains("# TYPE fastkube_balancer_backend_bytes_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains($"fastkube_balancer_backend_bytes_total{{backend=\"{good}\",direction=\"in\",frontend=\"web\"}} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"fastkube_balancer_backend_bytes_total{{backend=\"{good}\",direction=\"out\",frontend=\"web\"}} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"fastkube_balancer_backend_connect_errors_total{{backend=\"{bad}\",frontend=\"web\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"fastkube_balancer_backend_ejections_total{{backend=\"{bad}\",frontend=\"web\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"fastkube_balancer_backend_active_connections{{backend=\"{good}\",frontend=\"web\"}} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("fastkube_balancer_frontend_accepted_total{frontend=\"web\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_LabelWithQuoteBackslashNewline_IsEscaped()
    {
        var text = new PrometheusText();

        text.Sample("m", [("l", "a\"b\\c\nd")], 1.5);

        Assert.Equal("m{l=\"a\\\"b\\\\c\\nd\"} 1.5\n", text.ToString());
    }
}
