using System.Buffers.Binary;

namespace FastKube.Api.Serialization.MessagePack;

/// <summary>
/// Tier one of the codec: stateless encoders and decoders over spans. Writers return false when the
/// destination is too small (nothing is then guaranteed about its contents); readers return a
/// <see cref="MessagePackResult"/> and never read past the span.
/// </summary>
public static partial class MessagePackPrimitives
{
    /// <summary>Worst-case size of any integer encoding (format byte + 8 bytes).</summary>
    public const int MaxIntegerLength = 9;

    /// <summary>Worst-case size of a map, array, string or binary header.</summary>
    public const int MaxHeaderLength = 5;

    /// <summary>Worst-case size of a timestamp (ext8 with 12 data bytes).</summary>
    public const int MaxTimestampLength = 15;

    public static bool TryWriteNil(Span<byte> destination, out int written)
    {
        if (destination.IsEmpty)
        {
            written = 0;
            return false;
        }

        destination[0] = MessagePackCode.Nil;
        written = 1;
        return true;
    }

    public static bool TryWriteBoolean(Span<byte> destination, bool value, out int written)
    {
        if (destination.IsEmpty)
        {
            written = 0;
            return false;
        }

        destination[0] = value ? MessagePackCode.True : MessagePackCode.False;
        written = 1;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> in the smallest integer form (the same choice msgpack-python makes).</summary>
    public static bool TryWriteInt64(Span<byte> destination, long value, out int written)
    {
        if (value >= 0)
        {
            return TryWriteUInt64(destination, (ulong)value, out written);
        }

        if (value >= -32)
        {
            return TryWrite1(destination, unchecked((byte)value), out written);
        }

        if (value >= sbyte.MinValue)
        {
            if (destination.Length < 2)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.Int8;
            destination[1] = unchecked((byte)value);
            written = 2;
            return true;
        }

        if (value >= short.MinValue)
        {
            if (destination.Length < 3)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(destination[1..], (short)value);
            written = 3;
            return true;
        }

        if (value >= int.MinValue)
        {
            if (destination.Length < 5)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(destination[1..], (int)value);
            written = 5;
            return true;
        }

        if (destination.Length < 9)
        {
            return Fail(out written);
        }

        destination[0] = MessagePackCode.Int64;
        BinaryPrimitives.WriteInt64BigEndian(destination[1..], value);
        written = 9;
        return true;
    }

    public static bool TryWriteUInt64(Span<byte> destination, ulong value, out int written)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            return TryWrite1(destination, (byte)value, out written);
        }

        if (value <= byte.MaxValue)
        {
            if (destination.Length < 2)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.UInt8;
            destination[1] = (byte)value;
            written = 2;
            return true;
        }

        if (value <= ushort.MaxValue)
        {
            if (destination.Length < 3)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)value);
            written = 3;
            return true;
        }

        if (value <= uint.MaxValue)
        {
            if (destination.Length < 5)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)value);
            written = 5;
            return true;
        }

        if (destination.Length < 9)
        {
            return Fail(out written);
        }

        destination[0] = MessagePackCode.UInt64;
        BinaryPrimitives.WriteUInt64BigEndian(destination[1..], value);
        written = 9;
        return true;
    }

    public static bool TryWriteDouble(Span<byte> destination, double value, out int written)
    {
        if (destination.Length < 9)
        {
            return Fail(out written);
        }

        destination[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(destination[1..], value);
        written = 9;
        return true;
    }

    public static bool TryWriteMapHeader(Span<byte> destination, uint count, out int written) =>
        TryWriteCollectionHeader(destination, count, MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32, out written);

    public static bool TryWriteArrayHeader(Span<byte> destination, uint count, out int written) =>
        TryWriteCollectionHeader(destination, count, MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32, out written);

    /// <summary>Writes a str header for <paramref name="byteLength"/> UTF-8 bytes (fixstr, str8, str16 or str32).</summary>
    public static bool TryWriteStringHeader(Span<byte> destination, uint byteLength, out int written)
    {
        if (byteLength <= 31)
        {
            return TryWrite1(destination, (byte)(MessagePackCode.MinFixStr | byteLength), out written);
        }

        if (byteLength <= byte.MaxValue)
        {
            if (destination.Length < 2)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.Str8;
            destination[1] = (byte)byteLength;
            written = 2;
            return true;
        }

        return TryWriteSized(destination, byteLength, MessagePackCode.Str16, MessagePackCode.Str32, out written);
    }

    /// <summary>Writes a bin header (bin8, bin16 or bin32).</summary>
    public static bool TryWriteBinaryHeader(Span<byte> destination, uint byteLength, out int written)
    {
        if (byteLength <= byte.MaxValue)
        {
            if (destination.Length < 2)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.Bin8;
            destination[1] = (byte)byteLength;
            written = 2;
            return true;
        }

        return TryWriteSized(destination, byteLength, MessagePackCode.Bin16, MessagePackCode.Bin32, out written);
    }

    /// <summary>
    /// Writes the timestamp extension (type -1) in its smallest form: timestamp32 when the instant is whole
    /// seconds in [1970, 2106), timestamp64 when seconds fit 34 bits, else timestamp96. Sub-tick precision is not kept
    /// because <see cref="DateTimeOffset"/> has 100 ns ticks.
    /// </summary>
    public static bool TryWriteTimestamp(Span<byte> destination, DateTimeOffset value, out int written)
    {
        long ticks = value.UtcTicks - DateTime.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        uint nanoseconds = (uint)(remainder * 100);
        if ((seconds >> 34) == 0)
        {
            if (nanoseconds == 0 && (seconds >> 32) == 0)
            {
                if (destination.Length < 6)
                {
                    return Fail(out written);
                }

                destination[0] = MessagePackCode.FixExt4;
                destination[1] = unchecked((byte)MessagePackCode.TimestampExtension);
                BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)seconds);
                written = 6;
                return true;
            }

            if (destination.Length < 10)
            {
                return Fail(out written);
            }

            destination[0] = MessagePackCode.FixExt8;
            destination[1] = unchecked((byte)MessagePackCode.TimestampExtension);
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], ((ulong)nanoseconds << 34) | (ulong)seconds);
            written = 10;
            return true;
        }

        if (destination.Length < 15)
        {
            return Fail(out written);
        }

        destination[0] = MessagePackCode.Ext8;
        destination[1] = 12;
        destination[2] = unchecked((byte)MessagePackCode.TimestampExtension);
        BinaryPrimitives.WriteUInt32BigEndian(destination[3..], nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(destination[7..], seconds);
        written = 15;
        return true;
    }

    private static bool TryWriteCollectionHeader(Span<byte> destination, uint count, byte fixBase, byte code16, byte code32, out int written)
    {
        if (count <= 15)
        {
            return TryWrite1(destination, (byte)(fixBase | count), out written);
        }

        return TryWriteSized(destination, count, code16, code32, out written);
    }

    private static bool TryWriteSized(Span<byte> destination, uint length, byte code16, byte code32, out int written)
    {
        if (length <= ushort.MaxValue)
        {
            if (destination.Length < 3)
            {
                return Fail(out written);
            }

            destination[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)length);
            written = 3;
            return true;
        }

        if (destination.Length < 5)
        {
            return Fail(out written);
        }

        destination[0] = code32;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], length);
        written = 5;
        return true;
    }

    private static bool TryWrite1(Span<byte> destination, byte value, out int written)
    {
        if (destination.IsEmpty)
        {
            return Fail(out written);
        }

        destination[0] = value;
        written = 1;
        return true;
    }

    private static bool Fail(out int written)
    {
        written = 0;
        return false;
    }
}
