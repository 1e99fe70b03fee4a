namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>
/// A packet or connection field a rule reads. <c>tcp dport</c>/<c>udp dport</c> imply a <c>meta l4proto</c>
/// check, and IPv4/IPv6 header fields in an inet table imply a <c>meta nfproto</c> check, exactly as nft adds
/// (and hides when printing) those dependencies.
/// </summary>
public enum NfSelector
{
    MetaL4Proto,
    MetaNfProto,
    MetaIifName,
    MetaOifName,
    MetaMark,
    IpSaddr,
    IpDaddr,
    Ip6Saddr,
    Ip6Daddr,

    /// <summary>Destination port of any transport header (<c>th dport</c>), for keys that already hold the protocol.</summary>
    ThDport,
    TcpDport,
    UdpDport,
    CtState,
    CtMark,
}

internal static class NfSelectors
{
    public static NfDataType TypeOf(NfSelector selector) => selector switch
    {
        NfSelector.MetaL4Proto => NfDataType.InetProto,
        NfSelector.MetaNfProto => NfDataType.NfProto,
        NfSelector.MetaIifName or NfSelector.MetaOifName => NfDataType.String,
        NfSelector.MetaMark or NfSelector.CtMark => NfDataType.Mark,
        NfSelector.IpSaddr or NfSelector.IpDaddr => NfDataType.Ipv4Addr,
        NfSelector.Ip6Saddr or NfSelector.Ip6Daddr => NfDataType.Ipv6Addr,
        NfSelector.ThDport or NfSelector.TcpDport or NfSelector.UdpDport => NfDataType.InetService,
        _ => NfDataType.CtState,
    };

    public static string Text(NfSelector selector) => selector switch
    {
        NfSelector.MetaL4Proto => "meta l4proto",
        NfSelector.MetaNfProto => "meta nfproto",
        NfSelector.MetaIifName => "iifname",
        NfSelector.MetaOifName => "oifname",
        NfSelector.MetaMark => "meta mark",
        NfSelector.IpSaddr => "ip saddr",
        NfSelector.IpDaddr => "ip daddr",
        NfSelector.Ip6Saddr => "ip6 saddr",
        NfSelector.Ip6Daddr => "ip6 daddr",
        NfSelector.ThDport => "th dport",
        NfSelector.TcpDport => "tcp dport",
        NfSelector.UdpDport => "udp dport",
        NfSelector.CtState => "ct state",
        _ => "ct mark",
    };

    /// <summary>The network family a header field belongs to, if any (its <c>meta nfproto</c> dependency in inet tables).</summary>
    public static NfFamily? NetworkFamily(NfSelector selector) => selector switch
    {
        NfSelector.IpSaddr or NfSelector.IpDaddr => NfFamily.Ip,
        NfSelector.Ip6Saddr or NfSelector.Ip6Daddr => NfFamily.Ip6,
        _ => null,
    };

    /// <summary>The transport protocol a port field implies, if any (its <c>meta l4proto</c> dependency).</summary>
    public static byte? TransportProtocol(NfSelector selector) => selector switch
    {
        NfSelector.TcpDport => NfValue.Tcp,
        NfSelector.UdpDport => NfValue.Udp,
        _ => null,
    };
}
