using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>
/// A typed constant: an address, protocol, port, mark, ct state mask, integer or interface name. Values carry
/// their nf_tables byte order: addresses and ports big-endian, marks, ct state and integers host-endian, as
/// the kernel's meta/ct/numgen expressions produce them.
/// </summary>
public readonly record struct NfValue(NfDataType Type, UInt128 Bits, string? Text = null)
{
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Sctp = 132;

    public int Width => NfDataTypes.Width(Type);

    public static NfValue Address(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? new NfValue(NfDataType.Ipv4Addr, BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : new NfValue(NfDataType.Ipv6Addr, BinaryPrimitives.ReadUInt128BigEndian(bytes[..written]));
    }

    public static NfValue Protocol(byte protocol) => new(NfDataType.InetProto, protocol);

    public static NfValue Port(ushort port) => new(NfDataType.InetService, port);

    public static NfValue Mark(uint mark) => new(NfDataType.Mark, mark);

    public static NfValue Integer(uint value) => new(NfDataType.Integer, value);

    public static NfValue CtState(NfCtState state) => new(NfDataType.CtState, (uint)state);

    public static NfValue NfProto(NfFamily family) => new(NfDataType.NfProto, (byte)family);

    public static NfValue InterfaceName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new NfValue(NfDataType.String, 0, name);
    }

    public IPAddress ToAddress() => Type switch
    {
        NfDataType.Ipv4Addr => new IPAddress(BinaryPrimitives.ReverseEndianness((uint)Bits)),
        NfDataType.Ipv6Addr => new IPAddress(BigEndianBytes(Bits)),
        _ => throw new InvalidOperationException($"{Type} is not an address"),
    };

    /// <summary>Writes the register image (<see cref="Width"/> bytes) of the value.</summary>
    public void WriteTo(Span<byte> destination)
    {
        switch (Type)
        {
            case NfDataType.Ipv4Addr:
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)Bits);
                break;
            case NfDataType.Ipv6Addr:
                BinaryPrimitives.WriteUInt128BigEndian(destination, Bits);
                break;
            case NfDataType.InetProto or NfDataType.NfProto:
                destination[0] = (byte)Bits;
                break;
            case NfDataType.InetService:
                BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Bits);
                break;
            case NfDataType.String:
                destination[..16].Clear();
                Encoding.ASCII.GetBytes(Text, destination);
                break;
            default:
                MemoryMarshal.Write(destination, (uint)Bits);
                break;
        }
    }

    /// <summary>Reads a register image written by <see cref="WriteTo"/>.</summary>
    public static NfValue Read(NfDataType type, ReadOnlySpan<byte> source) => type switch
    {
        NfDataType.Ipv4Addr => new NfValue(type, BinaryPrimitives.ReadUInt32BigEndian(source)),
        NfDataType.Ipv6Addr => new NfValue(type, BinaryPrimitives.ReadUInt128BigEndian(source)),
        NfDataType.InetProto or NfDataType.NfProto => new NfValue(type, source[0]),
        NfDataType.InetService => new NfValue(type, BinaryPrimitives.ReadUInt16BigEndian(source)),
        NfDataType.String => new NfValue(type, 0, Encoding.ASCII.GetString(UpToNul(source))),
        _ => new NfValue(type, MemoryMarshal.Read<uint>(source)),
    };

    /// <summary>The value as nft prints it.</summary>
    public override string ToString() => Type switch
    {
        NfDataType.Ipv4Addr or NfDataType.Ipv6Addr => ToAddress().ToString(),
        NfDataType.InetProto => ProtocolName((byte)Bits),
        NfDataType.NfProto => (byte)Bits switch { 2 => "ipv4", 10 => "ipv6", var other => other.ToString(CultureInfo.InvariantCulture) },
        NfDataType.String => "\"" + Text + "\"",
        NfDataType.Mark => "0x" + ((uint)Bits).ToString("x8", CultureInfo.InvariantCulture),
        NfDataType.CtState => CtStateText((NfCtState)(uint)Bits),
        _ => ((uint)Bits).ToString(CultureInfo.InvariantCulture),
    };

    public static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "icmp",
        Tcp => "tcp",
        Udp => "udp",
        58 => "ipv6-icmp",
        Sctp => "sctp",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

    private static string CtStateText(NfCtState state)
    {
        var names = new List<string>(5);
        foreach (var (flag, name) in CtStateNames)
        {
            if ((state & flag) != 0)
            {
                names.Add(name);
            }
        }

        return string.Join(',', names);
    }

    /// <summary>nft's order of ct state names.</summary>
    private static readonly (NfCtState Flag, string Name)[] CtStateNames =
    [
        (NfCtState.Invalid, "invalid"),
        (NfCtState.Established, "established"),
        (NfCtState.Related, "related"),
        (NfCtState.New, "new"),
        (NfCtState.Untracked, "untracked"),
    ];

    private static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> source)
    {
        int end = source.IndexOf((byte)0);
        return end < 0 ? source : source[..end];
    }

    private static byte[] BigEndianBytes(UInt128 bits)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, bits);
        return bytes;
    }
}

/// <summary>ct state bits (NF_CT_STATE_BIT of each ip_conntrack_info, plus INVALID and UNTRACKED).</summary>
[Flags]
public enum NfCtState : uint
{
    None = 0,
    Invalid = 1,
    Established = 2,
    Related = 4,
    New = 8,
    Untracked = 64,
}
