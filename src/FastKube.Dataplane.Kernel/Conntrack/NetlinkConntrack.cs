using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Netlink;

namespace FastKube.Dataplane.Kernel.Conntrack;

/// <summary>
/// <see cref="IConntrack"/> over ctnetlink. Deleting by filter works as conntrack-tools does: dump the
/// family's entries, match them here, and delete each by its exact original tuple and id (the kernel deletes
/// single entries only by full tuple); deletes go out in chunks, and ENOENT (the flow ended meanwhile) is not
/// an error.
/// </summary>
public sealed class NetlinkConntrack : IConntrack, IDisposable
{
    /// <summary>Delete requests per send: 64 KiB of ~100-byte messages; the acks of one chunk fit any receive buffer.</summary>
    private const int DeleteChunkBytes = 64 * 1024;

    private const int ENoEnt = 2;

    private readonly NetlinkSocket _socket;
    private readonly NetlinkBuffer _buffer = new(64 * 1024);

    private NetlinkConntrack(NetlinkSocket socket)
    {
        _socket = socket;
    }

    public static NetlinkConntrack Open(string? networkNamespace = null) =>
        new(NetlinkSocket.Open(NetlinkProtocol.Netfilter, new NetlinkSocketOptions { NetworkNamespace = networkNamespace }));

    public IReadOnlyList<ConntrackEntry> List(AddressFamily family)
    {
        byte nfFamily = family == AddressFamily.InterNetworkV6 ? NfProto.Ipv6 : NfProto.Ipv4;
        _buffer.Reset();
        var writer = new NetlinkWriter(_buffer);
        int start = writer.BeginMessage(Nfnl.MessageType(Nfnl.SubsystemConntrack, CtMsg.Get), NetlinkMessageFlags.Request | NetlinkMessageFlags.Dump, _socket.NextSequence());
        writer.WriteRaw([nfFamily, 0, 0, 0]);
        writer.EndMessage(start);
        var entries = new List<ConntrackEntry>();
        if (_socket.Dump(_buffer.WrittenSpan, (in NetlinkMessage message) =>
            {
                if (Parse(message.Payload.Length > Nfnl.GenMsgSize ? message.Payload[Nfnl.GenMsgSize..] : default) is { } entry)
                {
                    entries.Add(entry);
                }
            }) is { } error)
        {
            throw new NetlinkException(error.Errno, error.Message, "conntrack dump failed: " + error);
        }

        return entries;
    }

    public int Delete(ConntrackFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var address = filter.OriginalDestination ?? filter.ReplySource
            ?? throw new ArgumentException("a conntrack filter needs an original destination or reply source", nameof(filter));
        var matches = List(address.AddressFamily).Where(filter.Matches).ToList();
        if (matches.Count == 0)
        {
            return 0;
        }

        byte nfFamily = address.AddressFamily == AddressFamily.InterNetworkV6 ? NfProto.Ipv6 : NfProto.Ipv4;
        _buffer.Reset();
        var writer = new NetlinkWriter(_buffer);
        foreach (var entry in matches)
        {
            int start = writer.BeginMessage(Nfnl.MessageType(Nfnl.SubsystemConntrack, CtMsg.Delete), NetlinkMessageFlags.Request | NetlinkMessageFlags.Ack, _socket.NextSequence());
            writer.WriteRaw([nfFamily, 0, 0, 0]);
            int tuple = writer.BeginNested(Cta.TupleOrig);
            writer.WriteRaw(entry.OriginalTupleAttributes);
            writer.EndNested(tuple);
            writer.WriteU32BigEndian(Cta.Id, entry.Id);
            writer.EndMessage(start);
        }

        var errors = new List<NetlinkError>();
        _socket.ExchangeInChunks(_buffer.WrittenSpan, DeleteChunkBytes, errors);
        var failure = errors.FirstOrDefault(e => e.Errno != ENoEnt);
        if (failure.Errno != 0)
        {
            throw new NetlinkException(failure.Errno, failure.Message, "conntrack delete failed: " + failure);
        }

        return matches.Count - errors.Count;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _buffer.Dispose();
    }

    private static ConntrackEntry? Parse(ReadOnlySpan<byte> attributes)
    {
        Tuple original = default;
        Tuple reply = default;
        byte[]? raw = null;
        uint id = 0;
        var reader = new NetlinkAttributeReader(attributes);
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case Cta.TupleOrig:
                    original = ParseTuple(attribute.Payload);
                    raw = attribute.Payload.ToArray();
                    break;
                case Cta.TupleReply:
                    reply = ParseTuple(attribute.Payload);
                    break;
                case Cta.Id:
                    id = attribute.U32BigEndian;
                    break;
            }
        }

        if (original.Source is null || original.Destination is null || reply.Source is null || reply.Destination is null)
        {
            return null;
        }

        return new ConntrackEntry(original.Protocol, original.Source, original.Destination, original.SourcePort, original.DestinationPort,
            reply.Source, reply.Destination, reply.SourcePort, reply.DestinationPort, id)
        {
            OriginalTupleAttributes = raw,
        };
    }

    private static Tuple ParseTuple(ReadOnlySpan<byte> attributes)
    {
        var tuple = default(Tuple);
        var reader = new NetlinkAttributeReader(attributes);
        while (reader.TryRead(out var attribute))
        {
            var parts = attribute.Children;
            while (parts.TryRead(out var part))
            {
                if (attribute.Type == CtaTuple.Ip)
                {
                    switch (part.Type)
                    {
                        case CtaIp.V4Src or CtaIp.V6Src:
                            tuple.Source = new IPAddress(part.Payload);
                            break;
                        case CtaIp.V4Dst or CtaIp.V6Dst:
                            tuple.Destination = new IPAddress(part.Payload);
                            break;
                    }
                }
                else if (attribute.Type == CtaTuple.Proto)
                {
                    switch (part.Type)
                    {
                        case CtaProto.Num:
                            tuple.Protocol = part.U8;
                            break;
                        case CtaProto.SrcPort:
                            tuple.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(part.Payload);
                            break;
                        case CtaProto.DstPort:
                            tuple.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(part.Payload);
                            break;
                    }
                }
            }
        }

        return tuple;
    }

    private struct Tuple
    {
        public byte Protocol;
        public IPAddress? Source;
        public IPAddress? Destination;
        public ushort SourcePort;
        public ushort DestinationPort;
    }
}
