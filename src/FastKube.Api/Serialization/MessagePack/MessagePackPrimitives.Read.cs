using System.Buffers.Binary;

namespace FastKube.Api.Serialization.MessagePack;

public static partial class MessagePackPrimitives
{
    /// <summary>Classifies a format byte.</summary>
    public static MessagePackType GetType(byte code) => code switch
    {
        <= MessagePackCode.MaxPositiveFixInt => MessagePackType.Integer,
        <= MessagePackCode.MaxFixMap => MessagePackType.Map,
        <= MessagePackCode.MaxFixArray => MessagePackType.Array,
        <= MessagePackCode.MaxFixStr => MessagePackType.String,
        MessagePackCode.Nil => MessagePackType.Nil,
        MessagePackCode.NeverUsed => MessagePackType.Unknown,
        MessagePackCode.False or MessagePackCode.True => MessagePackType.Boolean,
        >= MessagePackCode.Bin8 and <= MessagePackCode.Bin32 => MessagePackType.Binary,
        >= MessagePackCode.Ext8 and <= MessagePackCode.Ext32 => MessagePackType.Extension,
        MessagePackCode.Float32 or MessagePackCode.Float64 => MessagePackType.Float,
        >= MessagePackCode.UInt8 and <= MessagePackCode.Int64 => MessagePackType.Integer,
        >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16 => MessagePackType.Extension,
        >= MessagePackCode.Str8 and <= MessagePackCode.Str32 => MessagePackType.String,
        MessagePackCode.Array16 or MessagePackCode.Array32 => MessagePackType.Array,
        MessagePackCode.Map16 or MessagePackCode.Map32 => MessagePackType.Map,
        _ => MessagePackType.Integer,
    };

    public static MessagePackResult TryReadNil(ReadOnlySpan<byte> source, out int consumed)
    {
        consumed = 0;
        if (source.IsEmpty)
        {
            return MessagePackResult.EndOfData;
        }

        if (source[0] != MessagePackCode.Nil)
        {
            return MessagePackResult.TypeMismatch;
        }

        consumed = 1;
        return MessagePackResult.Ok;
    }

    public static MessagePackResult TryReadBoolean(ReadOnlySpan<byte> source, out bool value, out int consumed)
    {
        value = false;
        consumed = 0;
        if (source.IsEmpty)
        {
            return MessagePackResult.EndOfData;
        }

        switch (source[0])
        {
            case MessagePackCode.True:
                value = true;
                break;
            case MessagePackCode.False:
                break;
            default:
                return MessagePackResult.TypeMismatch;
        }

        consumed = 1;
        return MessagePackResult.Ok;
    }

    /// <summary>Reads any integer form; uint64 values above <see cref="long.MaxValue"/> are <see cref="MessagePackResult.Invalid"/>.</summary>
    public static MessagePackResult TryReadInt64(ReadOnlySpan<byte> source, out long value, out int consumed)
    {
        value = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return MessagePackResult.EndOfData;
        }

        byte code = source[0];
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            value = code;
            consumed = 1;
            return MessagePackResult.Ok;
        }

        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            value = unchecked((sbyte)code);
            consumed = 1;
            return MessagePackResult.Ok;
        }

        int size = code switch
        {
            MessagePackCode.UInt8 or MessagePackCode.Int8 => 2,
            MessagePackCode.UInt16 or MessagePackCode.Int16 => 3,
            MessagePackCode.UInt32 or MessagePackCode.Int32 => 5,
            MessagePackCode.UInt64 or MessagePackCode.Int64 => 9,
            _ => 0,
        };
        if (size == 0)
        {
            return MessagePackResult.TypeMismatch;
        }

        if (source.Length < size)
        {
            return MessagePackResult.EndOfData;
        }

        ReadOnlySpan<byte> data = source.Slice(1, size - 1);
        switch (code)
        {
            case MessagePackCode.UInt8: value = data[0]; break;
            case MessagePackCode.UInt16: value = BinaryPrimitives.ReadUInt16BigEndian(data); break;
            case MessagePackCode.UInt32: value = BinaryPrimitives.ReadUInt32BigEndian(data); break;
            case MessagePackCode.UInt64:
                ulong unsigned = BinaryPrimitives.ReadUInt64BigEndian(data);
                if (unsigned > long.MaxValue)
                {
                    return MessagePackResult.Invalid;
                }

                value = (long)unsigned;
                break;
            case MessagePackCode.Int8: value = unchecked((sbyte)data[0]); break;
            case MessagePackCode.Int16: value = BinaryPrimitives.ReadInt16BigEndian(data); break;
            case MessagePackCode.Int32: value = BinaryPrimitives.ReadInt32BigEndian(data); break;
            default: value = BinaryPrimitives.ReadInt64BigEndian(data); break;
        }

        consumed = size;
        return MessagePackResult.Ok;
    }

    /// <summary>Reads an integer that must fit <see cref="int"/> (else <see cref="MessagePackResult.Invalid"/>).</summary>
    public static MessagePackResult TryReadInt32(ReadOnlySpan<byte> source, out int value, out int consumed)
    {
        if (!source.IsEmpty && source[0] <= MessagePackCode.MaxPositiveFixInt)
        {
            value = source[0];
            consumed = 1;
            return MessagePackResult.Ok;
        }

        MessagePackResult result = TryReadInt64(source, out long wide, out consumed);
        value = (int)wide;
        if (result == MessagePackResult.Ok && value != wide)
        {
            consumed = 0;
            value = 0;
            return MessagePackResult.Invalid;
        }

        return result;
    }

    /// <summary>Reads float64 or float32; integers are accepted too (other encoders write whole numbers as ints).</summary>
    public static MessagePackResult TryReadDouble(ReadOnlySpan<byte> source, out double value, out int consumed)
    {
        value = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return MessagePackResult.EndOfData;
        }

        switch (source[0])
        {
            case MessagePackCode.Float64:
                if (source.Length < 9)
                {
                    return MessagePackResult.EndOfData;
                }

                value = BinaryPrimitives.ReadDoubleBigEndian(source[1..]);
                consumed = 9;
                return MessagePackResult.Ok;
            case MessagePackCode.Float32:
                if (source.Length < 5)
                {
                    return MessagePackResult.EndOfData;
                }

                value = BinaryPrimitives.ReadSingleBigEndian(source[1..]);
                consumed = 5;
                return MessagePackResult.Ok;
            case MessagePackCode.UInt64 when source.Length >= 9:
                value = BinaryPrimitives.ReadUInt64BigEndian(source[1..]);
                consumed = 9;
                return MessagePackResult.Ok;
            default:
                MessagePackResult result = TryReadInt64(source, out long integer, out consumed);
                value = integer;
                return result;
        }
    }

    /// <summary>Reads a map header (fixmap, map16, map32) and its entry count.</summary>
    public static MessagePackResult TryReadMapHeader(ReadOnlySpan<byte> source, out uint count, out int consumed) =>
        TryReadCollectionHeader(source, MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32, out count, out consumed);

    /// <summary>Reads an array header (fixarray, array16, array32) and its element count.</summary>
    public static MessagePackResult TryReadArrayHeader(ReadOnlySpan<byte> source, out uint count, out int consumed) =>
        TryReadCollectionHeader(source, MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32, out count, out consumed);

    /// <summary>Reads a str header; the UTF-8 bytes follow and are not checked against the span here.</summary>
    public static MessagePackResult TryReadStringHeader(ReadOnlySpan<byte> source, out uint byteLength, out int consumed)
    {
        byteLength = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return MessagePackResult.EndOfData;
        }

        byte code = source[0];
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            byteLength = (uint)(code & 0x1f);
            consumed = 1;
            return MessagePackResult.Ok;
        }

        return code switch
        {
            MessagePackCode.Str8 => ReadLength(source, 1, out byteLength, out consumed),
            MessagePackCode.Str16 => ReadLength(source, 2, out byteLength, out consumed),
            MessagePackCode.Str32 => ReadLength(source, 4, out byteLength, out consumed),
            _ => MessagePackResult.TypeMismatch,
        };
    }

    /// <summary>Reads a bin header; the bytes follow and are not checked against the span here.</summary>
    public static MessagePackResult TryReadBinaryHeader(ReadOnlySpan<byte> source, out uint byteLength, out int consumed)
    {
        byteLength = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return MessagePackResult.EndOfData;
        }

        return source[0] switch
        {
            MessagePackCode.Bin8 => ReadLength(source, 1, out byteLength, out consumed),
            MessagePackCode.Bin16 => ReadLength(source, 2, out byteLength, out consumed),
            MessagePackCode.Bin32 => ReadLength(source, 4, out byteLength, out consumed),
            _ => MessagePackResult.TypeMismatch,
        };
    }

    /// <summary>Reads an extension header: its type code and data length (data follows, unchecked).</summary>
    public static MessagePackResult TryReadExtensionHeader(ReadOnlySpan<byte> source, out sbyte typeCode, out uint dataLength, out int consumed)
    {
        typeCode = 0;
        dataLength = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return MessagePackResult.EndOfData;
        }

        int lengthSize;
        switch (source[0])
        {
            case MessagePackCode.FixExt1: dataLength = 1; lengthSize = 0; break;
            case MessagePackCode.FixExt2: dataLength = 2; lengthSize = 0; break;
            case MessagePackCode.FixExt4: dataLength = 4; lengthSize = 0; break;
            case MessagePackCode.FixExt8: dataLength = 8; lengthSize = 0; break;
            case MessagePackCode.FixExt16: dataLength = 16; lengthSize = 0; break;
            case MessagePackCode.Ext8: lengthSize = 1; break;
            case MessagePackCode.Ext16: lengthSize = 2; break;
            case MessagePackCode.Ext32: lengthSize = 4; break;
            default: return MessagePackResult.TypeMismatch;
        }

        if (lengthSize > 0)
        {
            MessagePackResult result = ReadLength(source, lengthSize, out dataLength, out consumed);
            if (result != MessagePackResult.Ok)
            {
                return result;
            }
        }
        else
        {
            consumed = 1;
        }

        if (source.Length < consumed + 1)
        {
            consumed = 0;
            return MessagePackResult.EndOfData;
        }

        typeCode = unchecked((sbyte)source[consumed]);
        consumed++;
        return MessagePackResult.Ok;
    }

    /// <summary>Reads a timestamp extension (type -1) in any of its three forms.</summary>
    public static MessagePackResult TryReadTimestamp(ReadOnlySpan<byte> source, out DateTimeOffset value, out int consumed)
    {
        value = default;
        MessagePackResult result = TryReadExtensionHeader(source, out sbyte type, out uint length, out int header);
        consumed = 0;
        if (result != MessagePackResult.Ok)
        {
            return result;
        }

        if (type != MessagePackCode.TimestampExtension)
        {
            return MessagePackResult.TypeMismatch;
        }

        if ((uint)source.Length - (uint)header < length)
        {
            return MessagePackResult.EndOfData;
        }

        ReadOnlySpan<byte> data = source.Slice(header, (int)length);
        long seconds;
        uint nanoseconds;
        switch (length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                nanoseconds = 0;
                break;
            case 8:
                ulong packed = BinaryPrimitives.ReadUInt64BigEndian(data);
                nanoseconds = (uint)(packed >> 34);
                seconds = (long)(packed & 0x3_ffff_ffffUL);
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                seconds = BinaryPrimitives.ReadInt64BigEndian(data[4..]);
                break;
            default:
                return MessagePackResult.Invalid;
        }

        // DateTimeOffset spans years 1..9999; anything else (or nanoseconds >= 1e9) is not a valid instant here.
        const long MinSeconds = -62_135_596_800;
        const long MaxSeconds = 253_402_300_799;
        if (nanoseconds >= 1_000_000_000 || seconds < MinSeconds || seconds > MaxSeconds)
        {
            return MessagePackResult.Invalid;
        }

        long ticks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100);
        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        consumed = header + (int)length;
        return MessagePackResult.Ok;
    }

    private static MessagePackResult TryReadCollectionHeader(ReadOnlySpan<byte> source, byte fixBase, byte code16, byte code32, out uint count, out int consumed)
    {
        count = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return MessagePackResult.EndOfData;
        }

        byte code = source[0];
        if ((code & 0xf0) == fixBase)
        {
            count = (uint)(code & 0x0f);
            consumed = 1;
            return MessagePackResult.Ok;
        }

        if (code == code16)
        {
            return ReadLength(source, 2, out count, out consumed);
        }

        return code == code32 ? ReadLength(source, 4, out count, out consumed) : MessagePackResult.TypeMismatch;
    }

    private static MessagePackResult ReadLength(ReadOnlySpan<byte> source, int size, out uint length, out int consumed)
    {
        if (source.Length <= size)
        {
            length = 0;
            consumed = 0;
            return MessagePackResult.EndOfData;
        }

        length = size switch
        {
            1 => source[1],
            2 => BinaryPrimitives.ReadUInt16BigEndian(source[1..]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(source[1..]),
        };
        consumed = 1 + size;
        return MessagePackResult.Ok;
    }
}
