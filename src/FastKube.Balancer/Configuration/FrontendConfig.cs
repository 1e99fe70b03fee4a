using System.Net;

namespace FastKube.Balancer.Configuration;

/// <summary>
/// One proxied service port. Exactly one of <see cref="Listen"/> (a listener of its own) or
/// <see cref="VirtualAddress"/> (served by the shared transparent listener, matched on the original
/// destination of redirected traffic; TCP only) is set.
/// </summary>
public sealed record FrontendConfig(string Name, L4Protocol Protocol, IReadOnlyList<BackendConfig> Backends)
{
    public IPEndPoint? Listen { get; init; }

    public IPEndPoint? VirtualAddress { get; init; }

    public BalancePolicy Policy { get; init; } = BalancePolicy.RoundRobin;

    /// <summary>ClientIP session affinity (kube's <c>sessionAffinity: ClientIP</c>): a client returns to its last backend until it has been away this long. Null: off. Kube's default timeout is 10800 s.</summary>
    public TimeSpan? AffinityTimeout { get; init; }

    public FrontendTimeouts? Timeouts { get; init; }

    /// <summary>Concurrent TCP connections (or UDP flows) this frontend accepts; beyond it new ones are reset. 0: unlimited.</summary>
    public int MaxConnections { get; init; }

    /// <summary>Backends tried for one client connection before it is reset (each failure also feeds passive health). Default 3.</summary>
    public int ConnectAttempts { get; init; } = 3;

    public HealthOptions Health { get; init; } = HealthOptions.Default;

    public FrontendTimeouts EffectiveTimeouts => Timeouts ?? (Protocol == L4Protocol.Udp ? FrontendTimeouts.UdpDefault : FrontendTimeouts.TcpDefault);
}
