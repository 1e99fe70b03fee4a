using System.Diagnostics.CodeAnalysis;

namespace FastKube.Netlink;

/// <summary>Cold-edge throw helpers, kept out of the hot encode/decode paths.</summary>
internal static class NetlinkThrow
{
    [DoesNotReturn]
    public static void AttributeTooLarge(int length) =>
        throw new InvalidOperationException($"netlink attribute of {length} bytes exceeds the 65535-byte nla_len limit; split the content across messages");

    [DoesNotReturn]
    public static void Syscall(string call, int errno) =>
        throw new NetlinkException(errno, null, $"{call} failed: {NetlinkException.ErrnoName(errno)}");

    [DoesNotReturn]
    public static void Protocol(string detail) =>
        throw new NetlinkException(0, null, "netlink protocol error: " + detail);
}
