using FastKube.Client.Testing;
using FastKube.Proxy.Health;

namespace FastKube.Proxy.Tests.Health;

public sealed class ProxyHealthTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly ProxyHealth _health;

    public ProxyHealthTests() => _health = new ProxyHealth(_time, TimeSpan.FromSeconds(60));

    [Fact]
    public void Reply_NothingQueued_Healthy()
    {
        var reply = _health.Reply();

        Assert.Equal(200, reply.Status);
        Assert.Equal("{\"lastUpdated\": \"\",\"currentTime\": \"2026-01-01T00:00:00.0000000Z\"}", reply.Body);
    }

    [Fact]
    public void Reply_ChangeQueuedLongerThanTimeoutUnsynced_Unhealthy()
    {
        _health.QueuedUpdate();
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(200, _health.Reply().Status);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(503, _health.Reply().Status);
    }

    [Fact]
    public void Reply_SyncedAfterBeingUnhealthy_HealthyWithLastUpdated()
    {
        _health.QueuedUpdate();
        _time.Advance(TimeSpan.FromMinutes(5));

        _health.Updated();

        var reply = _health.Reply();
        Assert.Equal(200, reply.Status);
        Assert.Contains("\"lastUpdated\": \"2026-01-01T00:05:00.0000000Z\"", reply.Body, StringComparison.Ordinal);
    }
}
