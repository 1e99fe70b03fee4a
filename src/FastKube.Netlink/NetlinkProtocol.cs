namespace FastKube.Netlink;

/// <summary>The netlink protocol (socket family member) a socket speaks; values from linux/netlink.h.</summary>
public enum NetlinkProtocol
{
    /// <summary>rtnetlink: links, addresses, routes.</summary>
    Route = 0,

    /// <summary>nfnetlink: nf_tables, conntrack.</summary>
    Netfilter = 12,

    /// <summary>generic netlink: IPVS and other dynamically registered families.</summary>
    Generic = 16,
}
