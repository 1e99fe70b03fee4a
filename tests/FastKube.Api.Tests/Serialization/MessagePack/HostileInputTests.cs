using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>Untrusted bytes: every failure is a <see cref="MessagePackError"/> (or the documented exception), never a crash.</summary>
public class HostileInputTests
{
    [Fact]
    public void TryDeserialize_EveryTruncation_EndOfData()
    {
        byte[] bytes = KubeMsgPack.Serialize(ShapeSamples.Full());
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.False(KubeMsgPack.TryDeserialize(bytes.AsSpan(0, length), out ShapeSample? _, out MessagePackError error));
            Assert.Equal(MessagePackResult.EndOfData, error.Code);
        }
    }

    [Fact]
    public void Deserialize_Truncated_ThrowsDecodeExceptionWithPath()
    {
        byte[] bytes = KubeMsgPack.Serialize(new ShapeSample { Child = new ShapeChild { Name = "abcdef" } });
        var exception = Assert.Throws<MessagePackDecodeException>(() => KubeMsgPack.Deserialize<ShapeSample>(bytes.AsSpan(0, bytes.Length - 2)));
        Assert.Equal(MessagePackResult.EndOfData, exception.Code);
        Assert.Equal("child.name", exception.Path);
    }

    [Fact]
    public void TryDeserialize_ArraysTenThousandDeepAtUnknownKey_LimitExceeded()
    {
        // {99: [[[[...]]]]} nested 10,000 deep: skipping must stop at the depth limit, not overflow the stack.
        byte[] bytes = [0x81, 99, .. Enumerable.Repeat((byte)0x91, 10_000), 0xc0];
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
    }

    [Fact]
    public void TryDeserialize_ArraysTenThousandDeepInJsonField_LimitExceeded()
    {
        byte[] bytes = [0x81, 8, .. Enumerable.Repeat((byte)0x91, 10_000), 0xc0];
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
        Assert.StartsWith("raw[0][0]", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_NestedObjectsBeyondDepthLimit_LimitExceeded()
    {
        // child.next.next... 100 deep through the typed formatter.
        var list = new List<byte> { 0x81, 9 };
        for (int i = 0; i < 100; i++)
        {
            list.AddRange([0x81, 5]);
        }

        list.Add(0x80);
        Assert.False(KubeMsgPack.TryDeserialize(list.ToArray(), out ShapeSample? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
        Assert.StartsWith("child.next.next", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_CustomDepthLimit_Honoured()
    {
        byte[] bytes = KubeMsgPack.Serialize(new ShapeSample { Child = new ShapeChild { Next = new ShapeChild() } });
        var limits = new MessagePackLimits { MaxDepth = 2 };
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error, limits));
        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
        Assert.True(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out _, limits with { MaxDepth = 3 }));
    }

    [Fact]
    public void TryDeserialize_Declared4GiBStringWithTenBytes_FailsWithoutAllocating()
    {
        byte[] bytes = [0x81, 0x01, 0xdb, 0xff, 0xff, 0xff, 0xff, .. "0123456789"u8];
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
        Assert.Equal("text", error.Path);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TryDeserialize_DeclaredStringLongerThanInput_EndOfData()
    {
        byte[] bytes = [0x81, 0x01, 0xdb, 0x00, 0x10, 0x00, 0x00, .. "0123456789"u8];
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.EndOfData, error.Code);
    }

    [Fact]
    public void TryDeserialize_DeclaredHugeArray_FailsWithoutAllocating()
    {
        // names: array32 of 2^31-1 elements, then 3 bytes.
        byte[] bytes = [0x81, 10, 0xdd, 0x7f, 0xff, 0xff, 0xff, 0xa1, 0x61, 0xc0];
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
        Assert.Equal("names", error.Path);
    }

    [Fact]
    public void TryDeserialize_DeclaredMapCountBeyondInput_EndOfData()
    {
        byte[] bytes = [0x81, 13, 0xde, 0x10, 0x00, 0xa1, 0x61, 0xa1, 0x62];
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.EndOfData, error.Code);
        Assert.Equal("labels", error.Path);
    }

    [Theory]
    // child.port is a string.
    [InlineData("810981" + "04" + "a3616263", MessagePackResult.TypeMismatch, "child.port")]
    // children[1].port is a bool.
    [InlineData("810b92" + "80" + "8104c3", MessagePackResult.TypeMismatch, "children[1].port")]
    // matrix[0][1] is an int.
    [InlineData("810c91" + "92a17805", MessagePackResult.TypeMismatch, "matrix[0][1]")]
    // childrenByName["x"].next is an array.
    [InlineData("810e81a178" + "810590", MessagePackResult.TypeMismatch, "childrenByName[\"x\"].next")]
    // small does not fit int32.
    [InlineData("8103cf0000000100000000", MessagePackResult.Invalid, "small")]
    // numbers[0] is nil, which an int list cannot hold.
    [InlineData("811191c0", MessagePackResult.TypeMismatch, "numbers[0]")]
    // when is a string, not a timestamp.
    [InlineData("8106a3616263", MessagePackResult.TypeMismatch, "when")]
    // text is invalid UTF-8.
    [InlineData("8101a2c328", MessagePackResult.Invalid, "text")]
    // a map key that is a string.
    [InlineData("81a17801", MessagePackResult.TypeMismatch, "")]
    // the never-used format byte.
    [InlineData("8163c1", MessagePackResult.Invalid, "")]
    public void TryDeserialize_WrongValueAtKnownKey_ErrorNamesFieldPath(string hex, MessagePackResult code, string path)
    {
        Assert.False(KubeMsgPack.TryDeserialize(Convert.FromHexString(hex), out ShapeSample? _, out MessagePackError error));
        Assert.Equal(code, error.Code);
        Assert.Equal(path, error.Path);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Fact]
    public void TryDeserialize_ObjectMetaWrongType_PathUsesJsonNames()
    {
        // Status.details (7) .causes (5) [0] .field (3) = 5 (int, expected str).
        byte[] bytes = Convert.FromHexString("8107" + "8105" + "91" + "810305");
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out Status? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.TypeMismatch, error.Code);
        Assert.Equal("details.causes[0].field", error.Path);
    }

    [Fact]
    public void TryDeserialize_TotalInputLimit_LimitExceeded()
    {
        byte[] bytes = KubeMsgPack.Serialize(ShapeSamples.Full());
        var limits = new MessagePackLimits { MaxTotalInputBytes = bytes.Length - 1 };
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error, limits));
        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
    }

    [Fact]
    public void TryDeserialize_StringAndBinaryLimits_LimitExceeded()
    {
        byte[] bytes = KubeMsgPack.Serialize(new ShapeSample { Text = new string('a', 100), Blob = new byte[100] });
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError text, new MessagePackLimits { MaxStringBytes = 99 }));
        Assert.Equal(("text", MessagePackResult.LimitExceeded), (text.Path, text.Code));
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError blob, new MessagePackLimits { MaxBinaryBytes = 99 }));
        Assert.Equal(("blob", MessagePackResult.LimitExceeded), (blob.Path, blob.Code));
    }

    [Fact]
    public void TryDeserialize_RandomBytes_NeverThrows()
    {
        var random = new Random(20241122);
        var buffer = new byte[256];
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));

            // Half the inputs start as a map so decoding goes past the first byte.
            if (i % 2 == 0 && length > 0)
            {
                buffer[0] = (byte)(0x80 | random.Next(16));
            }

            bool ok = KubeMsgPack.TryDeserialize(buffer.AsSpan(0, length), out ShapeSample? value, out MessagePackError error);
            Assert.Equal(ok, value is not null);
            Assert.Equal(ok, !error.IsError);
        }
    }

    [Fact]
    public void TryDeserialize_MutatedValidObjects_NeverThrows()
    {
        var random = new Random(7);
        byte[] valid = KubeMsgPack.Serialize(ShapeSamples.Full());
        for (int i = 0; i < 5_000; i++)
        {
            byte[] mutated = (byte[])valid.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            bool ok = KubeMsgPack.TryDeserialize(mutated, out ShapeSample? value, out MessagePackError error);
            Assert.Equal(ok, value is not null);
            Assert.Equal(ok, !error.IsError);
            if (ok)
            {
                // Whatever decoded must encode again.
                Assert.NotEmpty(KubeMsgPack.Serialize(value!));
            }
        }
    }
}
