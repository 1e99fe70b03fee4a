using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace FastKube.Netlink;

/// <summary>
/// The upper tier of the codec: appends messages and attributes to a <see cref="NetlinkBuffer"/>. Begin*
/// returns the start offset; End* fills in the length once the content is known, so nested attributes need
/// no size precomputation. Payload writers name their byte order: nf_tables and conntrack attributes are
/// big-endian, rtnetlink and generic netlink ones mostly host-endian.
/// </summary>
public ref struct NetlinkWriter
{
    private readonly NetlinkBuffer _buffer;

    public NetlinkWriter(NetlinkBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        _buffer = buffer;
    }

    /// <summary>Offset of the next byte to be written.</summary>
    public readonly int Position => _buffer.Length;

    /// <summary>Starts a message; its length is written by <see cref="EndMessage"/>.</summary>
    public readonly int BeginMessage(ushort type, ushort flags, uint sequence)
    {
        int start = _buffer.Length;
        NetlinkPrimitives.TryWriteHeader(_buffer.Append(NetlinkLayout.HeaderSize), new NetlinkMessageHeader(0, type, flags, sequence, 0));
        return start;
    }

    public readonly void EndMessage(int start)
    {
        PadToAlignment();
        MemoryMarshal.Write(_buffer.Written[start..], (uint)(_buffer.Length - start));
    }

    /// <summary>Sets extra nlmsg_flags on a message already written (e.g. NLM_F_ACK on a batch's last message).</summary>
    public readonly void AddMessageFlags(int start, ushort flags)
    {
        var field = _buffer.Written.Slice(start + 6, 2);
        MemoryMarshal.Write(field, (ushort)(MemoryMarshal.Read<ushort>(field) | flags));
    }

    /// <summary>Appends raw bytes padded to 4 (a protocol header such as nfgenmsg after the netlink header).</summary>
    public readonly void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.Append(NetlinkLayout.Align(bytes.Length)));
    }

    /// <summary>Starts a nested attribute (NLA_F_NESTED set); <see cref="EndNested"/> fills in its length.</summary>
    public readonly int BeginNested(ushort type)
    {
        int start = _buffer.Length;
        NetlinkPrimitives.WriteAttributeHeader(_buffer.Append(NetlinkLayout.AttributeHeaderSize), 0, (ushort)(type | NetlinkLayout.NestedFlag));
        return start;
    }

    /// <summary>Closes a nested attribute; false when its content outgrew nla_len's 16 bits.</summary>
    public readonly bool TryEndNested(int start)
    {
        int length = _buffer.Length - start;
        if (length > NetlinkLayout.MaxAttributeSize)
        {
            return false;
        }

        MemoryMarshal.Write(_buffer.Written[start..], (ushort)length);
        return true;
    }

    public readonly void EndNested(int start)
    {
        if (!TryEndNested(start))
        {
            NetlinkThrow.AttributeTooLarge(_buffer.Length - start);
        }
    }

    public readonly void WriteBytes(ushort type, ReadOnlySpan<byte> payload)
    {
        var destination = _buffer.Append(NetlinkLayout.Align(NetlinkLayout.AttributeHeaderSize + payload.Length));
        if (!NetlinkPrimitives.TryWriteAttribute(destination, type, payload, out _))
        {
            NetlinkThrow.AttributeTooLarge(payload.Length);
        }
    }

    public readonly void WriteU8(ushort type, byte value) => WriteBytes(type, [value]);

    public readonly void WriteU16(ushort type, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        MemoryMarshal.Write(bytes, value);
        WriteBytes(type, bytes);
    }

    public readonly void WriteU32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, value);
        WriteBytes(type, bytes);
    }

    public readonly void WriteU16BigEndian(ushort type, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        WriteBytes(type, bytes);
    }

    public readonly void WriteU32BigEndian(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        WriteBytes(type, bytes);
    }

    public readonly void WriteU64BigEndian(ushort type, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        WriteBytes(type, bytes);
    }

    /// <summary>A NUL-terminated UTF-8 string (NLA_NUL_STRING / NLA_STRING as the kernel expects from nft).</summary>
    public readonly void WriteString(ushort type, string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        Span<byte> bytes = byteCount < 256 ? stackalloc byte[byteCount + 1] : new byte[byteCount + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        bytes[byteCount] = 0;
        WriteBytes(type, bytes);
    }

    private readonly void PadToAlignment()
    {
        int padding = NetlinkLayout.Align(_buffer.Length) - _buffer.Length;
        if (padding > 0)
        {
            _buffer.Append(padding);
        }
    }
}
