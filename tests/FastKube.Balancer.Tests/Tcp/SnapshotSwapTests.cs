using FastKube.Balancer.Configuration;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Tcp;

public sealed class SnapshotSwapTests
{
    [Fact]
    public async Task Apply_BackendReplaced_OldConnectionKeepsItsBackendNewOnesUseTheNew()
    {
        using var old = new TestBackend();
        using var replacement = new TestBackend();
        var clock = new ManualClock();
        await using var balancer = Balancers.Create(clock);
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", old.EndPoint)]));
        var address = balancer.ListenerEndPoint("web")!;
        using var early = await Clients.ConnectAsync(address);
        Assert.Equal("1", await Clients.RoundTripAsync(early, "1"));

        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", replacement.EndPoint)]));

        Assert.Equal(address, balancer.ListenerEndPoint("web"));
        Assert.Equal(2, balancer.Generation);
        using var late = await Clients.ConnectAsync(address);
        Assert.Equal("2", await Clients.RoundTripAsync(late, "2"));
        Assert.Equal("3", await Clients.RoundTripAsync(early, "3"));
        Assert.Equal(1, old.Accepted);
        Assert.Equal(1, replacement.Accepted);
        Assert.True(balancer.BackendStats().Single(b => b.Endpoint.Equals(old.EndPoint)).Draining);
    }

    [Fact]
    public async Task Sweep_DrainDeadlinePassed_ClosesConnectionsToRemovedBackend()
    {
        using var old = new TestBackend();
        using var replacement = new TestBackend();
        var clock = new ManualClock();
        await using var balancer = Balancers.Create(clock);
        var timeouts = new FrontendTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", old.EndPoint) with { Timeouts = timeouts }]));
        var address = balancer.ListenerEndPoint("web")!;
        using var draining = await Clients.ConnectAsync(address);
        Assert.Equal("1", await Clients.RoundTripAsync(draining, "1"));
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", replacement.EndPoint) with { Timeouts = timeouts }]));
        using var current = await Clients.ConnectAsync(address);
        Assert.Equal("2", await Clients.RoundTripAsync(current, "2"));

        clock.Advance(TimeSpan.FromSeconds(29));
        balancer.Sweep();
        Assert.Equal("3", await Clients.RoundTripAsync(draining, "3"));

        clock.Advance(TimeSpan.FromSeconds(1));
        balancer.Sweep();
        var (data, _) = await Clients.ReadToEndAsync(draining);
        Assert.Empty(data);
        Assert.Equal("4", await Clients.RoundTripAsync(current, "4"));

        // Once its last connection is gone the drained backend is forgotten.
        await Wait.UntilAsync(() => balancer.BackendStats().Single(b => b.Endpoint.Equals(old.EndPoint)).ActiveConnections == 0, "the drained connection to end");
        balancer.Sweep();
        Assert.DoesNotContain(balancer.BackendStats(), b => b.Endpoint.Equals(old.EndPoint));
    }

    [Fact]
    public async Task Apply_BackendReAddedWhileDraining_StopsDraining()
    {
        using var backend = new TestBackend();
        using var other = new TestBackend();
        var clock = new ManualClock();
        await using var balancer = Balancers.Create(clock);
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", backend.EndPoint)]));
        using var client = await Clients.ConnectAsync(balancer.ListenerEndPoint("web")!);
        Assert.Equal("1", await Clients.RoundTripAsync(client, "1"));

        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", other.EndPoint)]));
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", backend.EndPoint, other.EndPoint)]));
        clock.Advance(TimeSpan.FromMinutes(5));
        balancer.Sweep();

        Assert.Equal("2", await Clients.RoundTripAsync(client, "2"));
    }

    [Fact]
    public async Task Apply_FrontendRemoved_ClosesItsListener()
    {
        using var backend = new TestBackend();
        await using var balancer = Balancers.Create(new ManualClock());
        balancer.Apply(new BalancerConfig([Balancers.Tcp("a", backend.EndPoint), Balancers.Tcp("b", backend.EndPoint)]));
        var b = balancer.ListenerEndPoint("b")!;

        balancer.Apply(new BalancerConfig([Balancers.Tcp("a", backend.EndPoint)]));

        Assert.Null(balancer.ListenerEndPoint("b"));
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => Clients.ConnectAsync(b));
    }

    [Fact]
    public async Task Apply_InvalidWeight_ThrowsNamingTheFieldAndKeepsServing()
    {
        using var backend = new TestBackend();
        await using var balancer = Balancers.Create(new ManualClock());
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", backend.EndPoint)]));

        var error = Assert.Throws<ArgumentException>(() => balancer.Apply(new BalancerConfig(
            [Balancers.Tcp("web", backend.EndPoint) with { Backends = [new BackendConfig(backend.EndPoint, 0)] }])));

        Assert.Equal("balancer config: frontends[0].backends[0].weight: invalid value \"0\": must be 1..256", error.Message);
        Assert.Equal(1, balancer.Generation);
        using var client = await Clients.ConnectAsync(balancer.ListenerEndPoint("web")!);
        Assert.Equal("ok", await Clients.RoundTripAsync(client, "ok"));
    }
}
