namespace FastKube.Dataplane.Kernel.NfTables;

// The nf_tables objects a transaction names. Small records of one concept, kept together.

/// <summary>A table: family plus name (<c>inet fastkube</c>).</summary>
public readonly record struct NfTableRef(NfFamily Family, string Name)
{
    public override string ToString() => NfNames.Of(Family) + " " + Name;
}

/// <summary>The hook part of a base chain: <c>type nat hook prerouting priority -100; policy accept;</c>.</summary>
public sealed record NfBaseChain(NfChainType Type, NfHook Hook, int Priority, NfPolicy Policy = NfPolicy.Accept)
{
    /// <summary>NF_IP_PRI_NAT_DST: nft's <c>dstnat</c>.</summary>
    public const int DstNatPriority = -100;

    /// <summary>NF_IP_PRI_NAT_SRC: nft's <c>srcnat</c>.</summary>
    public const int SrcNatPriority = 100;

    /// <summary>NF_IP_PRI_FILTER: nft's <c>filter</c>.</summary>
    public const int FilterPriority = 0;
}

/// <summary>A chain; with <see cref="Base"/> it is attached to a hook, otherwise reachable only by jump/goto.</summary>
public sealed record NfChain(string Name, NfBaseChain? Base = null);

/// <summary>
/// A named set (no <see cref="Data"/>) or map. <see cref="Key"/> lists the fields of a (possibly
/// concatenated) key; <see cref="Data"/> = <see cref="NfDataType.Verdict"/> makes a verdict map.
/// <see cref="Dynamic"/> sets are written from the packet path (<c>update @set</c>); nft gives them
/// <c>flags dynamic</c> and a size of 65535, and so does FastKube.
/// </summary>
public sealed record NfSet(string Name, IReadOnlyList<NfDataType> Key, NfDataType? Data = null, bool Timeouts = false, TimeSpan? DefaultTimeout = null, bool Dynamic = false)
{
    /// <summary>The size nft declares for a dynamic set.</summary>
    public const int DynamicSize = 65535;

    public bool IsMap => Data is not null;

    /// <summary>
    /// A map whose data is an address and a port (<c>ADDRESS . inet_service</c>), read by
    /// <see cref="NfNumgenDnatMap"/>; created by <see cref="DnatTargetMap"/>.
    /// </summary>
    public bool DataHasPort { get; init; }

    /// <summary>The fields of an element's data: none for a set, the verdict, or address (and port).</summary>
    public IReadOnlyList<NfDataType> DataFields => Data switch
    {
        null => [],
        { } data when DataHasPort => [data, NfDataType.InetService],
        { } data => [data],
    };

    /// <summary>
    /// <c>typeof numgen random mod 1 : ip daddr . tcp dport</c> (<c>ip6 daddr</c> for IPv6): slot → DNAT target,
    /// the map of the compact service shape (docs/proxy-ruleset-shape.md). nft has no <c>type</c> spelling for
    /// it (a numgen key is a bare integer), so it is declared with <c>typeof</c> and the kernel keeps nft's
    /// typeof description as set userdata.
    /// </summary>
    public static NfSet DnatTargetMap(string name, NfFamily addressFamily) =>
        new(name, [NfDataType.Integer], addressFamily == NfFamily.Ip6 ? NfDataType.Ipv6Addr : NfDataType.Ipv4Addr) { DataHasPort = true };

    /// <summary>The data length in the kernel for a data map (0 for a set or verdict map): fields of a concatenation padded to 4 bytes.</summary>
    internal int DataLength => DataFields switch
    {
        [NfDataType.Verdict] or [] => 0,
        [var single] => NfDataTypes.Width(single),
        var fields => fields.Sum(type => NfDataTypes.PaddedWidth(NfDataTypes.Width(type))),
    };

    /// <summary>The key length in the kernel: each field padded to a 4-byte register.</summary>
    public int KeyLength => Key.Sum(type => NfDataTypes.PaddedWidth(NfDataTypes.Width(type)));
}

/// <summary>A rule appended to <see cref="Chain"/>.</summary>
public sealed record NfRule(string Chain, IReadOnlyList<NfStatement> Statements, string? Comment = null);

/// <summary>
/// A set element (key only) or map element (key : verdict, or key : <see cref="Data"/> for a
/// <see cref="NfSet.DnatTargetMap"/>), with an optional per-element timeout.
/// </summary>
public sealed record NfElement(NfKey Key, NfVerdict? Verdict = null, TimeSpan? Timeout = null, NfKey? Data = null);
