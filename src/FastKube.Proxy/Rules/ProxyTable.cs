using System.Net;
using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Proxy.Rules;

/// <summary>The names of the table-wide objects every service's rules refer to.</summary>
internal static class ProxyTable
{
    public static readonly NfTableRef Table = new(NfFamily.Ip, "fastkube");

    public const string Services = "services";
    public const string EndpointsCheck = "endpoints-check";
    public const string MarkForMasquerade = "mark-for-masquerade";
    public const string Masquerading = "masquerading";
    public const string RejectChain = "reject-chain";

    /// <summary>ip daddr . meta l4proto . th dport : verdict — ClusterIPs, externalIPs and load-balancer IPs.</summary>
    public const string ServiceIps = "service-ips";

    /// <summary>meta l4proto . th dport : verdict — node ports, consulted for the node's own addresses.</summary>
    public const string ServiceNodePorts = "service-nodeports";

    /// <summary>Same keys as <see cref="ServiceIps"/>, for destinations without usable endpoints: goto reject-chain or drop.</summary>
    public const string NoEndpointServices = "no-endpoint-services";

    public const string NoEndpointNodePorts = "no-endpoint-nodeports";

    /// <summary>The node addresses that accept node ports, when nodePortAddresses restricts them.</summary>
    public const string NodePortIps = "nodeport-ips";

    public static readonly IReadOnlyList<NfDataType> ServiceKey = [NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService];

    public static readonly IReadOnlyList<NfDataType> NodePortKey = [NfDataType.InetProto, NfDataType.InetService];

    public static readonly IReadOnlyList<NfSelector> ServiceSelector = [NfSelector.IpDaddr, NfSelector.MetaL4Proto, NfSelector.ThDport];

    public static readonly IReadOnlyList<NfSelector> NodePortSelector = [NfSelector.MetaL4Proto, NfSelector.ThDport];

    public static readonly IReadOnlyList<NfSelector> SourceSelector = [NfSelector.IpSaddr];

    public static readonly string[] DispatchMaps = [ServiceIps, ServiceNodePorts, NoEndpointServices, NoEndpointNodePorts];

    /// <summary>Loopback is never a node-port destination: DNAT of 127/8 would need route_localnet (upstream's nftables mode refuses it too).</summary>
    public static readonly IPNetwork Loopback = new(IPAddress.Parse("127.0.0.0"), 8);
}
