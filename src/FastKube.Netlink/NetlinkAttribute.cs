using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace FastKube.Netlink;

/// <summary>One attribute: its type without the flag bits, whether it is nested, and its payload.</summary>
public readonly ref struct NetlinkAttribute
{
    public NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> payload)
    {
        RawType = rawType;
        Payload = payload;
    }

    public ushort RawType { get; }

    public ushort Type => (ushort)(RawType & NetlinkLayout.TypeMask);

    public bool IsNested => (RawType & NetlinkLayout.NestedFlag) != 0;

    public ReadOnlySpan<byte> Payload { get; }

    public NetlinkAttributeReader Children => new(Payload);

    public byte U8 => Payload.IsEmpty ? (byte)0 : Payload[0];

    public ushort U16 => Payload.Length >= 2 ? MemoryMarshal.Read<ushort>(Payload) : (ushort)0;

    public uint U32 => Payload.Length >= 4 ? MemoryMarshal.Read<uint>(Payload) : 0;

    public ushort U16BigEndian => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : (ushort)0;

    public uint U32BigEndian => Payload.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(Payload) : 0;

    public ulong U64BigEndian => Payload.Length >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(Payload) : 0;

    /// <summary>The payload as a string, up to its first NUL.</summary>
    public string AsString()
    {
        int end = Payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Payload : Payload[..end]);
    }
}

/// <summary>Iterates a list of attributes; stops at the end or at the first malformed one (see <see cref="Status"/>).</summary>
public ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
        Status = NetlinkReadResult.Ok;
    }

    public NetlinkReadResult Status { get; private set; }

    public bool TryRead(out NetlinkAttribute attribute)
    {
        attribute = default;
        Status = NetlinkPrimitives.TryReadAttribute(_remaining, out ushort type, out var payload, out int consumed);
        if (Status != NetlinkReadResult.Ok)
        {
            return false;
        }

        attribute = new NetlinkAttribute(type, payload);
        _remaining = _remaining[consumed..];
        return true;
    }

    /// <summary>The first attribute of <paramref name="type"/>, if any.</summary>
    public static bool TryFind(ReadOnlySpan<byte> attributes, ushort type, out NetlinkAttribute found)
    {
        var reader = new NetlinkAttributeReader(attributes);
        while (reader.TryRead(out var attribute))
        {
            if (attribute.Type == type)
            {
                found = attribute;
                return true;
            }
        }

        found = default;
        return false;
    }
}
