using System.Runtime.InteropServices;
using FastKube.Netlink.Interop;

namespace FastKube.Netlink;

/// <summary>Receives the data messages of an exchange (dump entries, echoed objects).</summary>
public delegate void NetlinkMessageHandler(scoped in NetlinkMessage message);

/// <summary>
/// One netlink socket of one protocol, in one network namespace. Not thread-safe: an owner serialises its
/// exchanges (the proxy syncs from one loop). Extended acks and capped acks are switched on at open, so
/// errors carry the kernel's text and never echo the (possibly megabyte-sized) request back.
/// </summary>
public sealed partial class NetlinkSocket : IDisposable
{
    private const int ReceiveBufferSize = 256 * 1024;

    private readonly byte[] _receive = GC.AllocateArray<byte>(ReceiveBufferSize, pinned: true);
    private readonly TimeSpan _replyTimeout;
    private int _fd;
    private int _sendBufferBytes;
    private uint _sequence;

    private NetlinkSocket(int fd, NetlinkProtocol protocol, uint portId, TimeSpan replyTimeout)
    {
        _fd = fd;
        Protocol = protocol;
        PortId = portId;
        _replyTimeout = replyTimeout;
        _sequence = (uint)Environment.TickCount;
    }

    public NetlinkProtocol Protocol { get; }

    /// <summary>The port id the kernel assigned at bind.</summary>
    public uint PortId { get; }

    public static NetlinkSocket Open(NetlinkProtocol protocol, NetlinkSocketOptions? options = null)
    {
        options ??= NetlinkSocketOptions.Default;
        return options.NetworkNamespace is { } ns
            ? NetworkNamespace.Run(ns, () => OpenHere(protocol, options))
            : OpenHere(protocol, options);
    }

    /// <summary>The next sequence number; each request carries its own so replies can be matched.</summary>
    public uint NextSequence() => ++_sequence;

    /// <summary>Marks every number up to <paramref name="last"/> used, after a caller numbered a batch itself from <see cref="NextSequence"/>.</summary>
    public void UseSequencesThrough(uint last) => _sequence = last;

    /// <summary>Sends one request flagged for an ack and returns the kernel's error, or null on success.</summary>
    public NetlinkError? Request(ReadOnlySpan<byte> message)
    {
        var errors = new List<NetlinkError>(1);
        Exchange(message, SequenceOf(message), SequenceOf(message), null, errors);
        return errors.Count == 0 ? null : errors[0];
    }

    /// <summary>Sends a dump request and hands every reply message to <paramref name="onMessage"/> until NLMSG_DONE.</summary>
    public NetlinkError? Dump(ReadOnlySpan<byte> request, NetlinkMessageHandler onMessage)
    {
        var errors = new List<NetlinkError>(1);
        Exchange(request, SequenceOf(request), SequenceOf(request), onMessage, errors);
        return errors.Count == 0 ? null : errors[0];
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            LibC.Close(fd);
        }
    }

    internal static uint SequenceOf(ReadOnlySpan<byte> message) =>
        NetlinkPrimitives.TryReadHeader(message, out var header) == NetlinkReadResult.Ok
            ? header.Sequence
            : throw new ArgumentException("not a complete netlink message", nameof(message));

    private static NetlinkSocket OpenHere(NetlinkProtocol protocol, NetlinkSocketOptions options)
    {
        int fd = LibC.Socket(LibC.AfNetlink, LibC.SockRaw | LibC.SockCloexec, (int)protocol);
        if (fd < 0)
        {
            NetlinkThrow.Syscall("socket(AF_NETLINK)", Marshal.GetLastPInvokeError());
        }

        try
        {
            var address = new LibC.SockAddrNetlink { Family = LibC.AfNetlink };
            int size = Marshal.SizeOf<LibC.SockAddrNetlink>();
            if (LibC.Bind(fd, ref address, size) != 0 || LibC.GetSockName(fd, ref address, ref size) != 0)
            {
                NetlinkThrow.Syscall("bind(AF_NETLINK)", Marshal.GetLastPInvokeError());
            }

            SetOption(fd, LibC.SolNetlink, LibC.NetlinkExtAck, 1);
            SetOption(fd, LibC.SolNetlink, LibC.NetlinkCapAck, 1);
            SetBuffer(fd, LibC.SoRcvBufForce, LibC.SoRcvBuf, options.ReceiveBufferBytes);
            return new NetlinkSocket(fd, protocol, address.PortId, options.ReplyTimeout);
        }
        catch
        {
            LibC.Close(fd);
            throw;
        }
    }

    private static void SetOption(int fd, int level, int name, int value)
    {
        if (LibC.SetSockOpt(fd, level, name, ref value, sizeof(int)) != 0)
        {
            NetlinkThrow.Syscall($"setsockopt({level}, {name})", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>The FORCE variant passes the rmem_max/wmem_max caps (needs CAP_NET_ADMIN); without it the plain option applies, capped.</summary>
    private static void SetBuffer(int fd, int forceOption, int plainOption, int bytes)
    {
        if (LibC.SetSockOpt(fd, LibC.SolSocket, forceOption, ref bytes, sizeof(int)) != 0)
        {
            SetOption(fd, LibC.SolSocket, plainOption, bytes);
        }
    }
}
