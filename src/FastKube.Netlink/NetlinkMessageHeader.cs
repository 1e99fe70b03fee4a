namespace FastKube.Netlink;

/// <summary>struct nlmsghdr: total length (header included), type, flags, sequence number and sender port id.</summary>
public readonly record struct NetlinkMessageHeader(uint Length, ushort Type, ushort Flags, uint Sequence, uint PortId);
