using System.Net;
using System.Net.Sockets;
using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Dataplane.Kernel.Testing;

/// <summary>The first packet of a flow as the tracer sees it.</summary>
public sealed record NfPacket(IPAddress Source, IPAddress Destination, byte Protocol, ushort DestinationPort)
{
    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public uint Mark { get; init; }

    public NfCtState State { get; init; } = NfCtState.New;

    /// <summary>Whether the destination is an address of this host (<c>fib daddr type local</c>).</summary>
    public bool LocalDestination { get; init; }

    public bool IsIpv6 => Destination.AddressFamily == AddressFamily.InterNetworkV6;
}

/// <summary>
/// What happened to a packet at one hook: the final verdict (accept or drop; a reject is a drop with
/// <see cref="Rejected"/> set), the DNAT target if one was applied, whether it was masqueraded or SNATed,
/// the packet mark afterwards, and the chains it went through.
/// </summary>
public sealed record NfTrace(NfVerdictKind Verdict, IReadOnlyList<string> Path)
{
    public NfRejectKind? Rejected { get; init; }

    public IPAddress? DnatAddress { get; init; }

    public ushort? DnatPort { get; init; }

    public bool Masqueraded { get; init; }

    public IPAddress? SnatAddress { get; init; }

    public uint Mark { get; init; }

    public override string ToString() =>
        $"{Verdict}{(Rejected is { } r ? $" (reject {r})" : "")}{(DnatAddress is null ? "" : $" dnat {DnatAddress}:{DnatPort}")}{(Masqueraded ? " masquerade" : "")} via {string.Join(" > ", Path)}";
}
