namespace FastKube.Dataplane.Kernel.NfTables.Netlink;

// The nf_tables / nfnetlink uapi numbers this encoder and decoder use (linux/netfilter/nfnetlink.h,
// linux/netfilter/nf_tables.h, linux/netfilter/nf_nat.h, linux/netfilter.h). One file because they are one
// table of facts; each class is one enum of the headers, named after it.

/// <summary>nfnetlink framing.</summary>
internal static class Nfnl
{
    public const byte SubsystemConntrack = 1;
    public const byte SubsystemNfTables = 10;
    public const ushort BatchBegin = 0x10;
    public const ushort BatchEnd = 0x11;

    /// <summary>sizeof(struct nfgenmsg): family, version, res_id (big-endian).</summary>
    public const int GenMsgSize = 4;

    public static ushort MessageType(byte subsystem, byte message) => (ushort)((subsystem << 8) | message);
}

/// <summary>enum nf_tables_msg_types.</summary>
internal static class NftMsg
{
    public const byte NewTable = 0;
    public const byte GetTable = 1;
    public const byte DelTable = 2;
    public const byte NewChain = 3;
    public const byte GetChain = 4;
    public const byte DelChain = 5;
    public const byte NewRule = 6;
    public const byte GetRule = 7;
    public const byte DelRule = 8;
    public const byte NewSet = 9;
    public const byte GetSet = 10;
    public const byte DelSet = 11;
    public const byte NewSetElem = 12;
    public const byte GetSetElem = 13;
    public const byte DelSetElem = 14;
}

internal static class NftaList
{
    public const ushort Elem = 1;
}

internal static class NftaTable
{
    public const ushort Name = 1;
    public const ushort Flags = 2;
    public const ushort Use = 3;
    public const ushort Handle = 4;
}

internal static class NftaChain
{
    public const ushort Table = 1;
    public const ushort Handle = 2;
    public const ushort Name = 3;
    public const ushort Hook = 4;
    public const ushort Policy = 5;
    public const ushort Use = 6;
    public const ushort Type = 7;
}

internal static class NftaHook
{
    public const ushort HookNum = 1;
    public const ushort Priority = 2;
}

internal static class NftaRule
{
    public const ushort Table = 1;
    public const ushort Chain = 2;
    public const ushort Handle = 3;
    public const ushort Expressions = 4;
    public const ushort UserData = 7;
}

internal static class NftaExpr
{
    public const ushort Name = 1;
    public const ushort Data = 2;
}

internal static class NftaData
{
    public const ushort Value = 1;
    public const ushort Verdict = 2;
}

internal static class NftaVerdict
{
    public const ushort Code = 1;
    public const ushort Chain = 2;
}

/// <summary>enum nft_verdicts plus the netfilter verdicts NF_DROP/NF_ACCEPT they share a number space with.</summary>
internal static class NftVerdictCode
{
    public const int Drop = 0;
    public const int Accept = 1;
    public const int Continue = -1;
    public const int Jump = -3;
    public const int Goto = -4;
    public const int Return = -5;
}

/// <summary>enum nft_registers: the verdict register and the 4-byte registers NFT_REG32_00..15.</summary>
internal static class NftReg
{
    public const uint Verdict = 0;
    public const uint First32 = 8;
    public const int Count32 = 16;
}

internal static class NftaSet
{
    public const ushort Table = 1;
    public const ushort Name = 2;
    public const ushort Flags = 3;
    public const ushort KeyType = 4;
    public const ushort KeyLen = 5;
    public const ushort DataType = 6;
    public const ushort DataLen = 7;
    public const ushort Desc = 9;
    public const ushort Id = 10;
    public const ushort Timeout = 11;
    public const ushort UserData = 13;
}

internal static class NftaSetDesc
{
    public const ushort Size = 1;
}

internal static class NftSetFlags
{
    public const uint Anonymous = 0x1;
    public const uint Constant = 0x2;
    public const uint Interval = 0x4;
    public const uint Map = 0x8;
    public const uint Timeout = 0x10;
    public const uint Eval = 0x20;
}

/// <summary>NFT_DATA_VERDICT: the data type of a verdict map.</summary>
internal static class NftDataType
{
    public const uint Verdict = 0xffffff00;
}

internal static class NftaSetElemList
{
    public const ushort Table = 1;
    public const ushort Set = 2;
    public const ushort Elements = 3;
    public const ushort SetId = 4;
}

internal static class NftaSetElem
{
    public const ushort Key = 1;
    public const ushort Data = 2;
    public const ushort Flags = 3;
    public const ushort Timeout = 4;
    public const ushort Expiration = 5;
}

internal static class NftaImmediate
{
    public const ushort Dreg = 1;
    public const ushort Data = 2;
}

internal static class NftaCmp
{
    public const ushort Sreg = 1;
    public const ushort Op = 2;
    public const ushort Data = 3;
}

internal static class NftaPayload
{
    public const ushort Dreg = 1;
    public const ushort Base = 2;
    public const ushort Offset = 3;
    public const ushort Len = 4;
}

internal static class NftPayloadBase
{
    public const uint Network = 1;
    public const uint Transport = 2;
}

internal static class NftaMeta
{
    public const ushort Dreg = 1;
    public const ushort Key = 2;
    public const ushort Sreg = 3;
}

internal static class NftMetaKey
{
    public const uint Mark = 3;
    public const uint IifName = 6;
    public const uint OifName = 7;
    public const uint NfProto = 15;
    public const uint L4Proto = 16;
}

internal static class NftaBitwise
{
    public const ushort Sreg = 1;
    public const ushort Dreg = 2;
    public const ushort Len = 3;
    public const ushort Mask = 4;
    public const ushort Xor = 5;
}

internal static class NftaLookup
{
    public const ushort Set = 1;
    public const ushort Sreg = 2;
    public const ushort Dreg = 3;
    public const ushort SetId = 4;
    public const ushort Flags = 5;
    public const uint FlagInvert = 1;
}

internal static class NftaCt
{
    public const ushort Dreg = 1;
    public const ushort Key = 2;
}

internal static class NftCtKey
{
    public const uint State = 0;
    public const uint Mark = 3;
}

internal static class NftaNat
{
    public const ushort Type = 1;
    public const ushort Family = 2;
    public const ushort RegAddrMin = 3;
    public const ushort RegAddrMax = 4;
    public const ushort RegProtoMin = 5;
    public const ushort RegProtoMax = 6;
    public const ushort Flags = 7;
    public const uint TypeSnat = 0;
    public const uint TypeDnat = 1;
}

internal static class NftaMasq
{
    public const ushort Flags = 1;

    /// <summary>NF_NAT_RANGE_PROTO_RANDOM_FULLY.</summary>
    public const uint RandomFully = 0x10;
}

internal static class NftaNumgen
{
    public const ushort Dreg = 1;
    public const ushort Modulus = 2;
    public const ushort Type = 3;
    public const ushort Offset = 4;
    public const uint TypeRandom = 1;
}

internal static class NftaCounter
{
    public const ushort Bytes = 1;
    public const ushort Packets = 2;
}

internal static class NftaReject
{
    public const ushort Type = 1;
    public const ushort IcmpCode = 2;
    public const uint TypeIcmpUnreach = 0;
    public const uint TypeTcpReset = 1;
    public const uint TypeIcmpxUnreach = 2;

    /// <summary>NFT_REJECT_ICMPX_PORT_UNREACH.</summary>
    public const byte IcmpxPortUnreachable = 1;

    /// <summary>ICMP_PORT_UNREACH (linux/icmp.h).</summary>
    public const byte IcmpPortUnreachable = 3;
}

internal static class NftaDynset
{
    public const ushort SetName = 1;
    public const ushort SetId = 2;
    public const ushort Op = 3;
    public const ushort SregKey = 4;
    public const ushort Timeout = 6;
    public const uint OpAdd = 0;
    public const uint OpUpdate = 1;
}

internal static class NftaFib
{
    public const ushort Dreg = 1;
    public const ushort Result = 2;
    public const ushort Flags = 3;

    /// <summary>NFT_FIB_RESULT_ADDRTYPE: the route type of the looked-up address (RTN_*).</summary>
    public const uint ResultAddrType = 3;

    /// <summary>NFTA_FIB_F_DADDR: look up the destination address.</summary>
    public const uint FlagDaddr = 1 << 1;

    /// <summary>RTN_LOCAL (linux/rtnetlink.h): an address of this host.</summary>
    public const uint RtnLocal = 2;
}

/// <summary>NFPROTO_* (linux/netfilter.h): the family byte of nfgenmsg and of NAT.</summary>
internal static class NfProto
{
    public const byte Unspec = 0;
    public const byte Inet = 1;
    public const byte Ipv4 = 2;
    public const byte Ipv6 = 10;
}

/// <summary>NFTNL_UDATA_RULE_COMMENT: the TLV nft stores a rule comment under in NFTA_RULE_USERDATA.</summary>
internal static class NftUserData
{
    public const byte RuleComment = 0;
}
