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

    /// <summary>The key length in the kernel: each field padded to a 4-byte register.</summary>
    public int KeyLength => Key.Sum(type => NfDataTypes.PaddedWidth(NfDataTypes.Width(type)));
}

/// <summary>A rule appended to <see cref="Chain"/>.</summary>
public sealed record NfRule(string Chain, IReadOnlyList<NfStatement> Statements, string? Comment = null);

/// <summary>A set element (key only) or map element (key : verdict), with an optional per-element timeout.</summary>
public sealed record NfElement(NfKey Key, NfVerdict? Verdict = null, TimeSpan? Timeout = null);
