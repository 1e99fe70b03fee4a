namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>
/// Value types of selectors, set keys and map data. The numbers are nft's datatype ids (nftables
/// include/datatype.h), which the kernel stores as NFTA_SET_KEY_TYPE and nft reads back to print elements;
/// a concatenated key's id is the ids shifted by 6 bits each (nft's TYPE_BITS).
/// </summary>
public enum NfDataType
{
    Verdict = 1,
    NfProto = 2,
    Integer = 4,
    String = 5,
    Ipv4Addr = 7,
    Ipv6Addr = 8,
    InetProto = 12,
    InetService = 13,
    Mark = 19,
    CtState = 26,
}

internal static class NfDataTypes
{
    /// <summary>Bytes a value of the type occupies in a register; set keys pad each field to 4.</summary>
    public static int Width(NfDataType type) => type switch
    {
        NfDataType.Ipv4Addr => 4,
        NfDataType.Ipv6Addr => 16,
        NfDataType.InetProto or NfDataType.NfProto => 1,
        NfDataType.InetService => 2,
        NfDataType.String => 16,
        _ => 4,
    };

    public static string Name(NfDataType type) => type switch
    {
        NfDataType.Verdict => "verdict",
        NfDataType.NfProto => "nf_proto",
        NfDataType.Integer => "integer",
        NfDataType.String => "ifname",
        NfDataType.Ipv4Addr => "ipv4_addr",
        NfDataType.Ipv6Addr => "ipv6_addr",
        NfDataType.InetProto => "inet_proto",
        NfDataType.InetService => "inet_service",
        NfDataType.Mark => "mark",
        _ => "ct_state",
    };

    public static uint ConcatId(IReadOnlyList<NfDataType> types)
    {
        uint id = 0;
        foreach (var type in types)
        {
            id = (id << 6) | (uint)type;
        }

        return id;
    }

    public static int PaddedWidth(int width) => (width + 3) & ~3;
}
