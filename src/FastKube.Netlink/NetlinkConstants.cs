namespace FastKube.Netlink;

/// <summary>Message types every netlink protocol shares (linux/netlink.h).</summary>
public static class NetlinkMessageTypes
{
    public const ushort Noop = 1;
    public const ushort Error = 2;
    public const ushort Done = 3;
    public const ushort Overrun = 4;

    /// <summary>The first type a protocol may use for its own messages (NLMSG_MIN_TYPE).</summary>
    public const ushort MinType = 0x10;
}

/// <summary>nlmsg_flags bits (linux/netlink.h); the upper byte means different things for GET, NEW and DELETE.</summary>
public static class NetlinkMessageFlags
{
    public const ushort Request = 0x1;
    public const ushort Multi = 0x2;
    public const ushort Ack = 0x4;
    public const ushort Echo = 0x8;
    public const ushort DumpInterrupted = 0x10;

    public const ushort Root = 0x100;
    public const ushort Match = 0x200;
    public const ushort Dump = Root | Match;

    public const ushort Replace = 0x100;
    public const ushort Exclusive = 0x200;
    public const ushort Create = 0x400;
    public const ushort Append = 0x800;

    /// <summary>On an NLMSG_ERROR: the echoed request was cut to its header (NETLINK_CAP_ACK).</summary>
    public const ushort Capped = 0x100;

    /// <summary>On an NLMSG_ERROR: extended-ack attributes follow the echoed request.</summary>
    public const ushort AckTlvs = 0x200;
}

/// <summary>Layout facts of the wire format.</summary>
public static class NetlinkLayout
{
    public const int HeaderSize = 16;
    public const int AttributeHeaderSize = 4;

    /// <summary>NLA_F_NESTED: the attribute's payload is itself a list of attributes.</summary>
    public const ushort NestedFlag = 0x8000;

    /// <summary>NLA_F_NET_BYTEORDER: the payload is big-endian.</summary>
    public const ushort NetworkByteOrderFlag = 0x4000;

    /// <summary>The type bits of nla_type once the two flag bits are masked off.</summary>
    public const ushort TypeMask = 0x3fff;

    /// <summary>nla_len is a u16: no attribute, nested ones included, may exceed this many bytes.</summary>
    public const int MaxAttributeSize = ushort.MaxValue;

    public static int Align(int length) => (length + 3) & ~3;
}

/// <summary>NLMSGERR_ATTR_* extended-ack attributes after an NLMSG_ERROR (linux/netlink.h).</summary>
internal static class NetlinkErrorAttributes
{
    public const ushort Message = 1;
    public const ushort Offset = 2;
}
