using System.Globalization;

namespace FastKube.Netlink;

/// <summary>
/// An NLMSG_ERROR the kernel sent for one request: the positive errno, the sequence number of the request it
/// answers, and, with NETLINK_EXT_ACK, the kernel's own explanation and the offset of the offending attribute
/// inside that request.
/// </summary>
public readonly record struct NetlinkError(int Errno, uint Sequence, string? Message, uint? Offset)
{
    public override string ToString()
    {
        var text = $"{NetlinkException.ErrnoName(Errno)} ({Errno}, {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(Errno)})";
        if (!string.IsNullOrEmpty(Message))
        {
            text += ": " + Message;
        }

        return Offset is { } offset ? text + " at byte " + offset.ToString(CultureInfo.InvariantCulture) : text;
    }
}
