using System.Net;

namespace FastKube.Proxy.Configuration;

/// <summary>How the proxy programs the kernel.</summary>
public enum ProxyMode
{
    /// <summary>nf_tables through netlink (the default here, and upstream's <c>nftables</c> mode).</summary>
    Nftables,

    /// <summary>
    /// Upstream's iptables mode. Modern iptables is iptables-nft, a front end to the same nf_tables kernel
    /// backend, so FastKube runs the nf_tables engine and logs that it did.
    /// </summary>
    Iptables,
}

/// <summary>
/// KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1) after defaulting and validation, the input of
/// <see cref="ServiceProxy.StartAsync"/>. Load one with <see cref="KubeProxyConfigurationLoader.Load"/>;
/// every default is listed in docs/proxy.md.
/// </summary>
public sealed record KubeProxyConfiguration
{
    public const string ApiVersion = "kubeproxy.config.k8s.io/v1alpha1";
    public const string KindName = "KubeProxyConfiguration";

    public ProxyMode Mode { get; init; } = ProxyMode.Nftables;

    /// <summary>Pod networks: traffic to a service from outside them is masqueraded. Empty: no such rule.</summary>
    public IReadOnlyList<IPNetwork> ClusterCidrs { get; init; } = [];

    /// <summary>Networks whose local addresses accept NodePort traffic; empty with <see cref="NodePortPrimary"/> false = every local address.</summary>
    public IReadOnlyList<IPNetwork> NodePortAddresses { get; init; } = [];

    /// <summary><c>nodePortAddresses: [primary]</c>: only the node's primary addresses (from its Node object).</summary>
    public bool NodePortPrimary { get; init; }

    /// <summary>The effective full-resync interval (mode section first, then the top-level field).</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The effective minimum interval between syncs (mode section first, then the top-level field).</summary>
    public TimeSpan MinSyncPeriod { get; init; } = TimeSpan.FromSeconds(1);

    public NftablesConfiguration Nftables { get; init; } = new();

    public IpvsConfiguration Ipvs { get; init; } = new();

    public ConntrackConfiguration Conntrack { get; init; } = new();

    /// <summary>host:port of /metrics; empty disables the server.</summary>
    public string MetricsBindAddress { get; init; } = "127.0.0.1:10249";

    /// <summary>host:port of /healthz; empty disables the server.</summary>
    public string HealthzBindAddress { get; init; } = "0.0.0.0:10256";

    /// <summary>The node name the proxy serves; empty: the host name.</summary>
    public string HostnameOverride { get; init; } = "";

    /// <summary>The address the health-check node port servers listen on (upstream's bindAddress).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>The masquerade mark: bit <see cref="NftablesConfiguration.MasqueradeBit"/> of the packet mark.</summary>
    public uint MasqueradeMark => 1u << Nftables.MasqueradeBit;

    public static KubeProxyConfiguration Default { get; } = new();

    /// <summary>The node name: <see cref="HostnameOverride"/>, else the lower-cased host name (as upstream).</summary>
    public string NodeName => HostnameOverride.Length > 0 ? HostnameOverride : Environment.MachineName.ToLowerInvariant();
}

/// <summary>The <c>nftables</c> section (also read for <c>mode: iptables</c>, whose <c>iptables</c> section has the same fields).</summary>
public sealed record NftablesConfiguration
{
    /// <summary>Bit of the packet mark that asks for SNAT (upstream default 14, i.e. 0x4000).</summary>
    public int MasqueradeBit { get; init; } = 14;

    /// <summary>Masquerade all traffic to services, not only off-cluster traffic.</summary>
    public bool MasqueradeAll { get; init; }

    public TimeSpan? SyncPeriod { get; init; }

    public TimeSpan? MinSyncPeriod { get; init; }
}

/// <summary>The <c>ipvs</c> section: parsed and validated now, used by the IPVS mode.</summary>
public sealed record IpvsConfiguration
{
    public string Scheduler { get; init; } = "rr";

    public TimeSpan? SyncPeriod { get; init; }

    public TimeSpan? MinSyncPeriod { get; init; }

    public bool StrictArp { get; init; }

    public IReadOnlyList<IPNetwork> ExcludeCidrs { get; init; } = [];

    public TimeSpan TcpTimeout { get; init; }

    public TimeSpan TcpFinTimeout { get; init; }

    public TimeSpan UdpTimeout { get; init; }
}

/// <summary>The <c>conntrack</c> section (upstream defaults; 0 leaves the kernel's value).</summary>
public sealed record ConntrackConfiguration
{
    public int MaxPerCore { get; init; } = 32768;

    public int Min { get; init; } = 131072;

    public TimeSpan TcpEstablishedTimeout { get; init; } = TimeSpan.FromHours(24);

    public TimeSpan TcpCloseWaitTimeout { get; init; } = TimeSpan.FromHours(1);

    public bool TcpBeLiberal { get; init; }

    public TimeSpan UdpTimeout { get; init; }

    public TimeSpan UdpStreamTimeout { get; init; }
}
