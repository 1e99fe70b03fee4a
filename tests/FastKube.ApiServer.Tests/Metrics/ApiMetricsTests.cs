using FastKube.ApiServer.Metrics;

namespace FastKube.ApiServer.Tests.Metrics;

public sealed class ApiMetricsTests
{
    [Fact]
    public void Render_Requests_CountsAndCumulativeBuckets()
    {
        var metrics = new ApiMetrics();
        metrics.Request("get", "pods", 200, TimeSpan.FromMilliseconds(3));
        metrics.Request("get", "pods", 200, TimeSpan.FromMilliseconds(30));
        metrics.Request("get", "pods", 404, TimeSpan.FromMilliseconds(1));

        var lines = metrics.Render().Split('\n');

        Assert.Contains("apiserver_request_total{code=\"200\",resource=\"pods\",verb=\"GET\"} 2", lines);
        Assert.Contains("apiserver_request_total{code=\"404\",resource=\"pods\",verb=\"GET\"} 1", lines);
        Assert.Contains("apiserver_request_duration_seconds_bucket{resource=\"pods\",verb=\"GET\",le=\"0.005\"} 2", lines);
        Assert.Contains("apiserver_request_duration_seconds_bucket{resource=\"pods\",verb=\"GET\",le=\"0.05\"} 3", lines);
        Assert.Contains("apiserver_request_duration_seconds_bucket{resource=\"pods\",verb=\"GET\",le=\"+Inf\"} 3", lines);
        Assert.Contains("apiserver_request_duration_seconds_count{resource=\"pods\",verb=\"GET\"} 3", lines);
        Assert.Contains("apiserver_request_duration_seconds_sum{resource=\"pods\",verb=\"GET\"} 0.034", lines);
    }

    [Fact]
    public void Watcher_DisposedHandle_LeavesTheGauge()
    {
        var metrics = new ApiMetrics();
        var first = metrics.Watcher("pods");
        using var second = metrics.Watcher("pods");
        first.Dispose();
        first.Dispose();

        Assert.Contains("apiserver_registered_watchers{resource=\"pods\"} 1", metrics.Render().Split('\n'));
    }

    [Fact]
    public void Request_Watch_IsCountedButNotTimed()
    {
        var metrics = new ApiMetrics();
        metrics.Request("watch", "pods", 200, TimeSpan.FromMinutes(5));

        var text = metrics.Render();

        Assert.Contains("apiserver_request_total{code=\"200\",resource=\"pods\",verb=\"WATCH\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("verb=\"WATCH\",le=", text, StringComparison.Ordinal);
    }
}
