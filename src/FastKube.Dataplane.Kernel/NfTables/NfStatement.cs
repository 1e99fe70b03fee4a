using System.Net;

namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>
/// One statement of a rule, at the level nft prints it. <see cref="Text.NfTextRenderer"/> renders statements
/// as nft syntax and <see cref="Netlink.NfRuleEncoder"/> lowers them to nf_tables expressions; the set of
/// statements is closed (sealed records below) so both stay exhaustive.
/// </summary>
public abstract record NfStatement;

public enum NfCompare
{
    Equal,
    NotEqual,
}

/// <summary><c>SELECTOR [!=] VALUE</c>; for <c>ct state</c> the value is a mask and matches when any bit is set.</summary>
public sealed record NfMatch(NfSelector Selector, NfValue Value, NfCompare Compare = NfCompare.Equal) : NfStatement;

/// <summary><c>SELECTOR &amp; MASK [!=|==] VALUE</c> (e.g. <c>meta mark &amp; 0x4000 == 0</c>).</summary>
public sealed record NfMaskedMatch(NfSelector Selector, uint Mask, uint Value, NfCompare Compare = NfCompare.Equal) : NfStatement;

/// <summary>
/// <c>ip saddr [!=] 10.244.0.0/16</c>: the address field under a prefix mask (kube-proxy's clusterCIDR test).
/// <see cref="Network"/> must be an address of the selector's family with no bits past the prefix, and the prefix 1 to 32 (128) bits long.
/// </summary>
public sealed record NfPrefixMatch(NfSelector Selector, IPAddress Network, int PrefixLength, NfCompare Compare = NfCompare.Equal) : NfStatement;

/// <summary>
/// <c>fib daddr type [!=] local</c>: whether the routing table says the destination is one of this host's
/// addresses (how kube-proxy's nftables mode finds NodePort traffic when nodePortAddresses is unset).
/// </summary>
public sealed record NfFibDaddrLocal(NfCompare Compare = NfCompare.Equal) : NfStatement;

/// <summary><c>K1 . K2 [!=] @SET</c>: membership in a named set.</summary>
public sealed record NfSetMatch(IReadOnlyList<NfSelector> Key, string Set, bool Negate = false) : NfStatement;

/// <summary><c>K1 . K2 vmap @MAP</c>: dispatch through a named verdict map.</summary>
public sealed record NfVerdictMap(IReadOnlyList<NfSelector> Key, string Map) : NfStatement;

/// <summary><c>numgen random mod N vmap { 0 : V0, ... }</c>: a uniformly random pick among the verdicts (an anonymous map).</summary>
public sealed record NfNumgenVerdictMap(IReadOnlyList<NfVerdict> Targets) : NfStatement;

/// <summary>
/// <c>dnat ip to numgen random mod N [offset K] map @MAP</c>: picks slot K + (random mod N) and DNATs to that
/// slot's address and port in a <see cref="NfSet.DnatTargetMap"/> (the compact per-service shape: one rule,
/// endpoints as map elements, docs/proxy-ruleset-shape.md).
/// </summary>
public sealed record NfNumgenDnatMap(int Modulus, uint Offset, string Map, NfFamily AddressFamily = NfFamily.Ip) : NfStatement;

public sealed record NfVerdictStatement(NfVerdict Verdict) : NfStatement;

/// <summary><c>counter</c>.</summary>
public sealed record NfCounter : NfStatement;

public enum NfNatKind
{
    Snat,
    Dnat,
}

/// <summary><c>dnat ip to ADDR[:PORT]</c> / <c>snat</c>.</summary>
public sealed record NfNat(NfNatKind Kind, IPAddress Address, ushort? Port = null) : NfStatement;

/// <summary><c>masquerade [fully-random]</c>.</summary>
public sealed record NfMasquerade(bool FullyRandom = false) : NfStatement;

public enum NfRejectKind
{
    /// <summary><c>reject with tcp reset</c> (adds the <c>meta l4proto tcp</c> dependency).</summary>
    TcpReset,

    /// <summary><c>reject with icmpx port-unreachable</c>: port unreachable in the packet's own family (inet tables).</summary>
    IcmpxPortUnreachable,

    /// <summary><c>reject with icmp port-unreachable</c> (IPv4 tables).</summary>
    IcmpPortUnreachable,
}

public sealed record NfReject(NfRejectKind Kind) : NfStatement;

/// <summary><c>meta mark set meta mark | BITS</c>: or a bit into the packet mark (kube-proxy's masquerade mark).</summary>
public sealed record NfMarkSet(uint Bits) : NfStatement;

/// <summary><c>update @SET { KEY [timeout T] }</c>: add or refresh the packet's key in a set (ClientIP affinity).</summary>
public sealed record NfSetUpdate(string Set, IReadOnlyList<NfSelector> Key, TimeSpan? Timeout = null) : NfStatement;
