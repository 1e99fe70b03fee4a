using System.Net.Sockets;
using System.Text;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Tcp;

public sealed class TcpProxyTests
{
    [Theory]
    [InlineData(TcpRelay.Pipelines)]
    [InlineData(TcpRelay.Copy)]
    public async Task Proxy_EchoBackend_RoundTripsAndCountsBytes(TcpRelay relay)
    {
        using var backend = new TestBackend();
        await using var balancer = Balancers.Create(new ManualClock(), relay);
        balancer.Apply(new BalancerConfig([Balancers.Tcp("echo", backend.EndPoint)]));

        using (var client = await Clients.ConnectAsync(balancer.ListenerEndPoint("echo")!))
        {
            Assert.Equal("hello", await Clients.RoundTripAsync(client, "hello"));
            var big = new string('x', 1 << 20);
            Assert.Equal(big, await Clients.RoundTripAsync(client, big));
        }

        await Wait.UntilAsync(() => balancer.BackendStats()[0].ActiveConnections == 0, "the connection to end");
        var stats = Assert.Single(balancer.BackendStats());
        Assert.Equal(5 + (1 << 20), stats.BytesIn);
        Assert.Equal(5 + (1 << 20), stats.BytesOut);
        Assert.Equal(1, stats.Connections);
    }

    [Theory]
    [InlineData(TcpRelay.Pipelines)]
    [InlineData(TcpRelay.Copy)]
    public async Task Proxy_ClientHalfCloses_BackendSeesEofAndItsReplyStillArrives(TcpRelay relay)
    {
        // The backend reads to EOF, then answers with what it read and closes: only a forwarded FIN lets it answer.
        using var backend = new TestBackend(async socket =>
        {
            var (data, _) = await Clients.ReadToEndAsync(socket);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"got {data.Length} bytes"), SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
        });
        await using var balancer = Balancers.Create(new ManualClock(), relay);
        balancer.Apply(new BalancerConfig([Balancers.Tcp("half", backend.EndPoint)]));
        using var client = await Clients.ConnectAsync(balancer.ListenerEndPoint("half")!);

        await client.SendAsync(new byte[100_000], SocketFlags.None);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal(("got 100000 bytes", false), await Clients.ReadToEndAsync(client));
        await Wait.UntilAsync(() => balancer.ActiveTcpConnections == 0, "both directions to finish");
    }

    [Theory]
    [InlineData(TcpRelay.Pipelines)]
    [InlineData(TcpRelay.Copy)]
    public async Task Proxy_BackendKilledMidStream_ClientSeesEndAndNextConnectionGoesElsewhere(TcpRelay relay)
    {
        using var doomed = new TestBackend();
        using var survivor = new TestBackend();
        await using var balancer = Balancers.Create(new ManualClock(), relay);
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", doomed.EndPoint, survivor.EndPoint) with
        {
            Health = new HealthOptions(1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)),
        }]));
        var address = balancer.ListenerEndPoint("web")!;
        using var first = await Clients.ConnectAsync(address);
        Assert.Equal("ping", await Clients.RoundTripAsync(first, "ping"));
        Assert.Equal(1, doomed.Accepted);

        doomed.Kill();

        var (_, _) = await Clients.ReadToEndAsync(first);
        for (var i = 0; i < 4; i++)
        {
            using var next = await Clients.ConnectAsync(address);
            Assert.Equal("pong", await Clients.RoundTripAsync(next, "pong"));
        }

        Assert.Equal(4, survivor.Accepted);
        var stats = balancer.BackendStats().Single(b => b.Endpoint.Equals(doomed.EndPoint));
        Assert.Equal(1, stats.Ejections);
        Assert.True(stats.Ejected);
    }

    [Fact]
    public async Task Proxy_BackendRefuses_RetriesOnAnotherAndEjects()
    {
        var refused = TestBackend.ClosedPort();
        using var backend = new TestBackend();
        await using var balancer = Balancers.Create(new ManualClock());
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", refused, backend.EndPoint) with
        {
            Health = new HealthOptions(2, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)),
        }]));
        var address = balancer.ListenerEndPoint("web")!;

        for (var i = 0; i < 6; i++)
        {
            using var client = await Clients.ConnectAsync(address);
            Assert.Equal("ok", await Clients.RoundTripAsync(client, "ok"));
        }

        // Round robin sent connections 1 and 3 to the refusing backend first; the second failure ejected it.
        var stats = balancer.BackendStats().Single(b => b.Endpoint.Equals(refused));
        Assert.Equal(2, stats.ConnectErrors);
        Assert.Equal(1, stats.Ejections);
        Assert.Equal(6, backend.Accepted);
    }

    [Fact]
    public async Task Proxy_ConnectTimesOut_RetriesOnAnotherBackend()
    {
        var (blackhole, release) = TestBackend.Blackhole();
        using var _ = release;
        using var backend = new TestBackend();
        await using var balancer = Balancers.Create(new ManualClock());
        balancer.Apply(new BalancerConfig([Balancers.Tcp("web", blackhole, backend.EndPoint) with
        {
            // Real timers (the connect timeout is a timer of the injected provider); nothing here asserts on elapsed time.
            Timeouts = new FrontendTimeouts(TimeSpan.FromMilliseconds(300), TimeSpan.FromHours(1), TimeSpan.FromSeconds(30)),
        }]));
        using var client = await Clients.ConnectAsync(balancer.ListenerEndPoint("web")!);

        Assert.Equal("late", await Clients.RoundTripAsync(client, "late"));

        Assert.Equal(1, balancer.BackendStats().Single(b => b.Endpoint.Equals(blackhole)).ConnectErrors);
        Assert.Equal(1, backend.Accepted);
    }

    [Fact]
    public async Task Proxy_NoBackendAccepts_ResetsClient()
    {
        await using var balancer = Balancers.Create(new ManualClock());
        balancer.Apply(new BalancerConfig([Balancers.Tcp("dead", TestBackend.ClosedPort(), TestBackend.ClosedPort())]));
        Assert.Empty(await Clients.RefusedOrEmptyAsync(balancer.ListenerEndPoint("dead")!));

        Assert.Equal(2, balancer.BackendStats().Sum(b => b.ConnectErrors));
    }

    [Fact]
    public async Task Proxy_AtMaxConnections_ResetsTheNextClient()
    {
        using var backend = new TestBackend();
        await using var balancer = Balancers.Create(new ManualClock());
        balancer.Apply(new BalancerConfig([Balancers.Tcp("capped", backend.EndPoint) with { MaxConnections = 1 }]));
        var address = balancer.ListenerEndPoint("capped")!;
        using var first = await Clients.ConnectAsync(address);
        Assert.Equal("a", await Clients.RoundTripAsync(first, "a"));

        Assert.Empty(await Clients.RefusedOrEmptyAsync(address));

        Assert.Equal(1, balancer.FrontendStats()[0].Rejected);
        Assert.Equal("b", await Clients.RoundTripAsync(first, "b"));
    }

    [Theory]
    [InlineData(TcpRelay.Pipelines)]
    [InlineData(TcpRelay.Copy)]
    public async Task Sweep_IdlePastTimeout_ClosesConnection(TcpRelay relay)
    {
        using var backend = new TestBackend();
        var clock = new ManualClock();
        await using var balancer = Balancers.Create(clock, relay);
        balancer.Apply(new BalancerConfig([Balancers.Tcp("idle", backend.EndPoint) with
        {
            Timeouts = new FrontendTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30)),
        }]));
        using var client = await Clients.ConnectAsync(balancer.ListenerEndPoint("idle")!);
        Assert.Equal("x", await Clients.RoundTripAsync(client, "x"));

        clock.Advance(TimeSpan.FromMinutes(1));
        balancer.Sweep();
        Assert.Equal("y", await Clients.RoundTripAsync(client, "y"));

        clock.Advance(TimeSpan.FromMinutes(2));
        balancer.Sweep();
        var (data, _) = await Clients.ReadToEndAsync(client);
        Assert.Empty(data);
        await Wait.UntilAsync(() => balancer.ActiveTcpConnections == 0, "the idle connection to close");
    }
}
