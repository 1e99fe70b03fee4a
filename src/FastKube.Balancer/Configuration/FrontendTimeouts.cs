namespace FastKube.Balancer.Configuration;

/// <summary>Per-frontend timeouts.</summary>
/// <param name="Connect">Per backend attempt; a timed-out attempt counts as a connect failure and the next backend is tried. Default 5 s (HAProxy's usual <c>timeout connect</c>).</param>
/// <param name="Idle">A TCP connection or UDP flow with no bytes in either direction for this long is closed. Default 1 h for TCP (kube-proxy's userspace mode never expired TCP; one hour bounds leaked peers), 30 s for UDP (nf_conntrack's udp_timeout_stream is 120 s, the unreplied one 30 s).</param>
/// <param name="Drain">How long connections to a removed backend may keep running before they are closed. Default 30 s (a Pod's default terminationGracePeriodSeconds).</param>
public sealed record FrontendTimeouts(TimeSpan Connect, TimeSpan Idle, TimeSpan Drain)
{
    public static FrontendTimeouts TcpDefault { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));

    public static FrontendTimeouts UdpDefault { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
}
