using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Api.Tests.Serialization.MessagePack;

public class MessagePackPrimitivesTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void TryWriteInt64_Boundaries_SmallestFormAndRoundTrip(long value, string hex)
    {
        Span<byte> buffer = stackalloc byte[9];
        Assert.True(MessagePackPrimitives.TryWriteInt64(buffer, value, out int written));
        Assert.Equal(hex, Convert.ToHexStringLower(buffer[..written]));

        Assert.Equal(MessagePackResult.Ok, MessagePackPrimitives.TryReadInt64(buffer[..written], out long read, out int consumed));
        Assert.Equal(value, read);
        Assert.Equal(written, consumed);
    }

    [Fact]
    public void TryWriteInt64_DestinationTooSmall_ReturnsFalse()
    {
        Span<byte> buffer = stackalloc byte[4];
        Assert.False(MessagePackPrimitives.TryWriteInt64(buffer, 70000, out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void TryReadInt64_Truncated_EndOfData()
    {
        Assert.Equal(MessagePackResult.EndOfData, MessagePackPrimitives.TryReadInt64([0xce, 0x00, 0x01], out _, out int consumed));
        Assert.Equal(0, consumed);
        Assert.Equal(MessagePackResult.EndOfData, MessagePackPrimitives.TryReadInt64([], out _, out _));
    }

    [Fact]
    public void TryReadInt64_UInt64AboveLongMax_Invalid()
    {
        byte[] data = [0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        Assert.Equal(MessagePackResult.Invalid, MessagePackPrimitives.TryReadInt64(data, out _, out _));
    }

    [Fact]
    public void TryReadInt32_OutOfRange_Invalid()
    {
        Span<byte> buffer = stackalloc byte[9];
        MessagePackPrimitives.TryWriteInt64(buffer, 1L << 40, out int written);
        Assert.Equal(MessagePackResult.Invalid, MessagePackPrimitives.TryReadInt32(buffer[..written], out _, out _));
    }

    [Fact]
    public void TryReadInt64_String_TypeMismatch()
    {
        Assert.Equal(MessagePackResult.TypeMismatch, MessagePackPrimitives.TryReadInt64([0xa1, 0x61], out _, out _));
    }

    [Theory]
    [InlineData(0u, "a0")]
    [InlineData(31u, "bf")]
    [InlineData(32u, "d920")]
    [InlineData(255u, "d9ff")]
    [InlineData(256u, "da0100")]
    [InlineData(65536u, "db00010000")]
    public void TryWriteStringHeader_Lengths_SmallestForm(uint length, string hex)
    {
        Span<byte> buffer = stackalloc byte[5];
        Assert.True(MessagePackPrimitives.TryWriteStringHeader(buffer, length, out int written));
        Assert.Equal(hex, Convert.ToHexStringLower(buffer[..written]));
        Assert.Equal(MessagePackResult.Ok, MessagePackPrimitives.TryReadStringHeader(buffer[..written], out uint read, out _));
        Assert.Equal(length, read);
    }

    [Theory]
    [InlineData(15u, "9f")]
    [InlineData(16u, "dc0010")]
    [InlineData(70000u, "dd00011170")]
    public void TryWriteArrayHeader_Counts_SmallestForm(uint count, string hex)
    {
        Span<byte> buffer = stackalloc byte[5];
        Assert.True(MessagePackPrimitives.TryWriteArrayHeader(buffer, count, out int written));
        Assert.Equal(hex, Convert.ToHexStringLower(buffer[..written]));
        Assert.Equal(MessagePackResult.Ok, MessagePackPrimitives.TryReadArrayHeader(buffer[..written], out uint read, out _));
        Assert.Equal(count, read);
    }

    [Theory]
    // Whole seconds within 32 bits: timestamp32 (fixext4).
    [InlineData("2024-05-01T12:00:00Z", "d6ff66322ec0")]
    // Fractional seconds: timestamp64 (fixext8, 30-bit nanoseconds over 34-bit seconds).
    [InlineData("2024-05-01T12:00:00.5Z", "d7ff")]
    // Before 1970: timestamp96 (ext8, 12 bytes).
    [InlineData("1969-12-31T23:59:59Z", "c70cff")]
    public void TryWriteTimestamp_Forms_PrefixAndRoundTrip(string text, string hexPrefix)
    {
        var value = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Span<byte> buffer = stackalloc byte[MessagePackPrimitives.MaxTimestampLength];
        Assert.True(MessagePackPrimitives.TryWriteTimestamp(buffer, value, out int written));
        Assert.StartsWith(hexPrefix, Convert.ToHexStringLower(buffer[..written]), StringComparison.Ordinal);

        Assert.Equal(MessagePackResult.Ok, MessagePackPrimitives.TryReadTimestamp(buffer[..written], out DateTimeOffset read, out int consumed));
        Assert.Equal(value, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.Equal(written, consumed);
    }

    [Fact]
    public void TryWriteTimestamp_NonUtcOffset_WritesTheSameInstant()
    {
        var local = new DateTimeOffset(2024, 5, 1, 14, 0, 0, TimeSpan.FromHours(2));
        Span<byte> buffer = stackalloc byte[MessagePackPrimitives.MaxTimestampLength];
        MessagePackPrimitives.TryWriteTimestamp(buffer, local, out int written);
        MessagePackPrimitives.TryReadTimestamp(buffer[..written], out DateTimeOffset read, out _);
        Assert.Equal(local.UtcDateTime, read.UtcDateTime);
    }

    [Fact]
    public void TryReadTimestamp_NanosecondsOutOfRange_Invalid()
    {
        // timestamp64 with nanoseconds = 2^30 - 1 (> 999,999,999).
        byte[] data = [0xd7, 0xff, 0xff, 0xff, 0xff, 0xfc, 0, 0, 0, 0];
        Assert.Equal(MessagePackResult.Invalid, MessagePackPrimitives.TryReadTimestamp(data, out _, out _));
    }

    [Fact]
    public void TryReadTimestamp_OtherExtensionType_TypeMismatch()
    {
        byte[] data = [0xd6, 0x05, 0, 0, 0, 0];
        Assert.Equal(MessagePackResult.TypeMismatch, MessagePackPrimitives.TryReadTimestamp(data, out _, out _));
    }

    [Fact]
    public void TryReadDouble_IntegerAndFloat32_Accepted()
    {
        Assert.Equal(MessagePackResult.Ok, MessagePackPrimitives.TryReadDouble([0x05], out double integer, out _));
        Assert.Equal(5.0, integer);
        Assert.Equal(MessagePackResult.Ok, MessagePackPrimitives.TryReadDouble([0xca, 0x3f, 0xc0, 0x00, 0x00], out double single, out int consumed));
        Assert.Equal(1.5, single);
        Assert.Equal(5, consumed);
    }

    [Theory]
    [InlineData((byte)0x00, MessagePackType.Integer)]
    [InlineData((byte)0x85, MessagePackType.Map)]
    [InlineData((byte)0x95, MessagePackType.Array)]
    [InlineData((byte)0xa5, MessagePackType.String)]
    [InlineData((byte)0xc0, MessagePackType.Nil)]
    [InlineData((byte)0xc1, MessagePackType.Unknown)]
    [InlineData((byte)0xc3, MessagePackType.Boolean)]
    [InlineData((byte)0xc5, MessagePackType.Binary)]
    [InlineData((byte)0xc8, MessagePackType.Extension)]
    [InlineData((byte)0xcb, MessagePackType.Float)]
    [InlineData((byte)0xd3, MessagePackType.Integer)]
    [InlineData((byte)0xd7, MessagePackType.Extension)]
    [InlineData((byte)0xdb, MessagePackType.String)]
    [InlineData((byte)0xdd, MessagePackType.Array)]
    [InlineData((byte)0xdf, MessagePackType.Map)]
    [InlineData((byte)0xe0, MessagePackType.Integer)]
    public void GetType_FormatBytes_Family(byte code, MessagePackType expected) =>
        Assert.Equal(expected, MessagePackPrimitives.GetType(code));
}
