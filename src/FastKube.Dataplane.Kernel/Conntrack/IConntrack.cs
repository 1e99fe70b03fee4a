using System.Net;
using System.Net.Sockets;

namespace FastKube.Dataplane.Kernel.Conntrack;

/// <summary>
/// The connection tracking table, for flushing flows that would otherwise keep going to a removed endpoint
/// (UDP has no connection end, so a stale entry lives until its timeout). Implementations: netlink
/// (<see cref="NetlinkConntrack"/>) and the fake in FastKube.Dataplane.Kernel.Testing.
/// </summary>
public interface IConntrack
{
    /// <summary>Entries of one address family.</summary>
    IReadOnlyList<ConntrackEntry> List(AddressFamily family);

    /// <summary>Deletes every entry the filter matches; returns how many were deleted.</summary>
    int Delete(ConntrackFilter filter);
}

/// <summary>
/// Which entries to delete; null fields match anything, all set fields must match (like
/// <c>conntrack -D -p udp --orig-dst IP --dst-port N</c> or <c>--reply-src IP</c>). At least one of the
/// addresses must be set, so a filter cannot flush the whole table by accident.
/// </summary>
public sealed record ConntrackFilter(IPAddress? OriginalDestination = null, byte? Protocol = null, ushort? OriginalDestinationPort = null, IPAddress? ReplySource = null)
{
    public bool Matches(ConntrackEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (OriginalDestination is null || OriginalDestination.Equals(entry.OriginalDestination))
            && (Protocol is null || Protocol == entry.Protocol)
            && (OriginalDestinationPort is null || OriginalDestinationPort == entry.OriginalDestinationPort)
            && (ReplySource is null || ReplySource.Equals(entry.ReplySource));
    }
}

/// <summary>One tracked flow: its original-direction and reply-direction tuples.</summary>
public sealed record ConntrackEntry(
    byte Protocol,
    IPAddress OriginalSource,
    IPAddress OriginalDestination,
    ushort OriginalSourcePort,
    ushort OriginalDestinationPort,
    IPAddress ReplySource,
    IPAddress ReplyDestination,
    ushort ReplySourcePort,
    ushort ReplyDestinationPort,
    uint Id)
{
    /// <summary>The kernel's CTA_TUPLE_ORIG attribute as received, sent back verbatim to delete the entry.</summary>
    internal byte[]? OriginalTupleAttributes { get; init; }
}
