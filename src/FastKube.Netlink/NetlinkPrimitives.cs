using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FastKube.Netlink;

/// <summary>
/// The lower tier of the codec: stateless reads and writes of netlink headers and attributes on spans.
/// Netlink headers are host-endian (MemoryMarshal native order); attribute payloads keep whatever order the
/// protocol defines (nf_tables: big-endian), which callers choose through the typed writers.
/// </summary>
public static class NetlinkPrimitives
{
    public static bool TryWriteHeader(Span<byte> destination, in NetlinkMessageHeader header)
    {
        if (destination.Length < NetlinkLayout.HeaderSize)
        {
            return false;
        }

        MemoryMarshal.Write(destination, header.Length);
        MemoryMarshal.Write(destination[4..], header.Type);
        MemoryMarshal.Write(destination[6..], header.Flags);
        MemoryMarshal.Write(destination[8..], header.Sequence);
        MemoryMarshal.Write(destination[12..], header.PortId);
        return true;
    }

    /// <summary>Reads one message header and checks that its length is sane and present in <paramref name="source"/>.</summary>
    public static NetlinkReadResult TryReadHeader(ReadOnlySpan<byte> source, out NetlinkMessageHeader header)
    {
        header = default;
        if (source.IsEmpty)
        {
            return NetlinkReadResult.EndOfData;
        }

        if (source.Length < NetlinkLayout.HeaderSize)
        {
            return NetlinkReadResult.Truncated;
        }

        header = new NetlinkMessageHeader(
            MemoryMarshal.Read<uint>(source),
            MemoryMarshal.Read<ushort>(source[4..]),
            MemoryMarshal.Read<ushort>(source[6..]),
            MemoryMarshal.Read<uint>(source[8..]),
            MemoryMarshal.Read<uint>(source[12..]));
        if (header.Length < NetlinkLayout.HeaderSize)
        {
            return NetlinkReadResult.Malformed;
        }

        return header.Length > (uint)source.Length ? NetlinkReadResult.Truncated : NetlinkReadResult.Ok;
    }

    /// <summary>Writes an attribute header and payload plus alignment padding; <paramref name="written"/> includes the padding.</summary>
    public static bool TryWriteAttribute(Span<byte> destination, ushort type, ReadOnlySpan<byte> payload, out int written)
    {
        int length = NetlinkLayout.AttributeHeaderSize + payload.Length;
        written = NetlinkLayout.Align(length);
        if (length > NetlinkLayout.MaxAttributeSize || destination.Length < written)
        {
            written = 0;
            return false;
        }

        WriteAttributeHeader(destination, (ushort)length, type);
        payload.CopyTo(destination[NetlinkLayout.AttributeHeaderSize..]);
        destination[length..written].Clear();
        return true;
    }

    public static void WriteAttributeHeader(Span<byte> destination, ushort length, ushort type)
    {
        MemoryMarshal.Write(destination, length);
        MemoryMarshal.Write(destination[2..], type);
    }

    /// <summary>Reads one attribute: its type (flags kept), payload, and the aligned size it occupies.</summary>
    public static NetlinkReadResult TryReadAttribute(ReadOnlySpan<byte> source, out ushort type, out ReadOnlySpan<byte> payload, out int consumed)
    {
        type = 0;
        payload = default;
        consumed = 0;
        if (source.IsEmpty)
        {
            return NetlinkReadResult.EndOfData;
        }

        if (source.Length < NetlinkLayout.AttributeHeaderSize)
        {
            return NetlinkReadResult.Truncated;
        }

        ushort length = MemoryMarshal.Read<ushort>(source);
        type = MemoryMarshal.Read<ushort>(source[2..]);
        if (length < NetlinkLayout.AttributeHeaderSize)
        {
            return NetlinkReadResult.Malformed;
        }

        if (length > source.Length)
        {
            return NetlinkReadResult.Truncated;
        }

        payload = source[NetlinkLayout.AttributeHeaderSize..length];
        consumed = Math.Min(NetlinkLayout.Align(length), source.Length);
        return NetlinkReadResult.Ok;
    }

    public static bool TryReadU32BigEndian(ReadOnlySpan<byte> payload, out uint value) =>
        BinaryPrimitives.TryReadUInt32BigEndian(payload, out value);

    public static bool TryReadU64BigEndian(ReadOnlySpan<byte> payload, out ulong value) =>
        BinaryPrimitives.TryReadUInt64BigEndian(payload, out value);
}
