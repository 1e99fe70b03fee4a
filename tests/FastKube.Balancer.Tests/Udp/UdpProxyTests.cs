using System.Net;
using System.Net.Sockets;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Udp;

public sealed class UdpProxyTests
{
    [Fact]
    public async Task Proxy_TwoClients_EachGetsItsOwnFlowAndKeepsItsBackend()
    {
        using var a = new UdpBackend("a");
        using var b = new UdpBackend("b");
        await using var balancer = Balancers.Create(new ManualClock());
        balancer.Apply(new BalancerConfig([Balancers.Udp("dns", a.EndPoint, b.EndPoint)]));
        var frontend = balancer.ListenerEndPoint("dns")!;
        using var first = UdpBackend.Client();
        using var second = UdpBackend.Client();

        Assert.Equal("a:1", await UdpBackend.AskAsync(first, frontend, "1"));
        Assert.Equal("b:2", await UdpBackend.AskAsync(second, frontend, "2"));
        Assert.Equal("a:3", await UdpBackend.AskAsync(first, frontend, "3"));
        Assert.Equal("b:4", await UdpBackend.AskAsync(second, frontend, "4"));

        Assert.Equal(2, balancer.FrontendStats()[0].ActiveConnections);
        Assert.All(balancer.BackendStats(), s => Assert.Equal((1, 2L, 6L), (s.Connections, s.BytesIn, s.BytesOut)));
    }

    [Fact]
    public async Task Sweep_FlowIdlePastTimeout_ExpiresAndTheNextDatagramPicksAgain()
    {
        using var a = new UdpBackend("a");
        using var b = new UdpBackend("b");
        var clock = new ManualClock();
        await using var balancer = Balancers.Create(clock);
        balancer.Apply(new BalancerConfig([Balancers.Udp("dns", a.EndPoint, b.EndPoint) with
        {
            Timeouts = new FrontendTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)),
        }]));
        var frontend = balancer.ListenerEndPoint("dns")!;
        using var client = UdpBackend.Client();
        Assert.Equal("a:1", await UdpBackend.AskAsync(client, frontend, "1"));

        clock.Advance(TimeSpan.FromSeconds(29));
        balancer.Sweep();
        Assert.Equal("a:2", await UdpBackend.AskAsync(client, frontend, "2"));

        clock.Advance(TimeSpan.FromSeconds(30));
        balancer.Sweep();
        Assert.Equal(0, balancer.FrontendStats()[0].ActiveConnections);

        // A new flow: round robin moves on to b.
        Assert.Equal("b:3", await UdpBackend.AskAsync(client, frontend, "3"));
        Assert.Equal(1, balancer.FrontendStats()[0].ActiveConnections);
    }

    [Fact]
    public async Task Proxy_Affinity_NewFlowFromSameClientIpReturnsToItsBackend()
    {
        using var a = new UdpBackend("a");
        using var b = new UdpBackend("b");
        var clock = new ManualClock();
        await using var balancer = Balancers.Create(clock);
        balancer.Apply(new BalancerConfig([Balancers.Udp("dns", a.EndPoint, b.EndPoint) with { AffinityTimeout = TimeSpan.FromHours(3) }]));
        var frontend = balancer.ListenerEndPoint("dns")!;

        // Different client ports, same client IP (127.0.0.1): ClientIP affinity keeps them on one backend.
        var replies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var client = UdpBackend.Client();
            replies.Add((await UdpBackend.AskAsync(client, frontend, "x"))[..1]);
        }

        Assert.Single(replies.Distinct());
    }

    [Fact]
    public async Task Proxy_BackendPortClosed_IcmpUnreachableCountsAsConnectErrorAndEndsFlow()
    {
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var nobody = (IPEndPoint)closed.LocalEndPoint!;
        closed.Dispose();
        await using var balancer = Balancers.Create(new ManualClock());
        balancer.Apply(new BalancerConfig([Balancers.Udp("dns", nobody)]));
        using var client = UdpBackend.Client();

        await client.SendToAsync(new byte[] { 1 }, SocketFlags.None, balancer.ListenerEndPoint("dns")!);

        await Wait.UntilAsync(() => balancer.BackendStats()[0].ConnectErrors == 1, "the ICMP error to reach the flow");
        await Wait.UntilAsync(() => balancer.FrontendStats()[0].ActiveConnections == 0, "the flow to end");
    }
}
