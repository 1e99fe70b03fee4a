using System.Net;
using FastKube.Balancer.Configuration;

namespace FastKube.Balancer.Tests.Support;

internal static class Balancers
{
    /// <summary>A balancer on a manual clock whose sweep runs only when the test calls it.</summary>
    public static L4Balancer Create(ManualClock clock, TcpRelay relay = TcpRelay.Pipelines) =>
        new(new BalancerOptions { Time = clock, SweepInterval = Timeout.InfiniteTimeSpan, Relay = relay });

    public static FrontendConfig Tcp(string name, params IPEndPoint[] backends) =>
        new(name, L4Protocol.Tcp, backends.Select(b => new BackendConfig(b)).ToList()) { Listen = new IPEndPoint(IPAddress.Loopback, 0) };

    public static FrontendConfig Udp(string name, params IPEndPoint[] backends) =>
        new(name, L4Protocol.Udp, backends.Select(b => new BackendConfig(b)).ToList()) { Listen = new IPEndPoint(IPAddress.Loopback, 0) };
}
