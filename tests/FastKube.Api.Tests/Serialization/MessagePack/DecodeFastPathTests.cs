using FastKube.Api.Core;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>
/// The decoder's fast paths (keys in writer order, the string table's word compare, whole-second timestamps)
/// must read exactly what the general paths read.
/// </summary>
public class DecodeFastPathTests
{
    [Fact]
    public void TryRead_KeysInReverseOrder_SameAsWriterOrder()
    {
        // ContainerPort {4 (protocol): "UDP", 3 (containerPort): 5353, 2 (hostPort): 53, 1 (name): "dns"}
        byte[] reversed = Convert.FromHexString("84" + "04a3554450" + "03cd14e9" + "0235" + "01a3646e73");
        var expected = new ContainerPort { Name = "dns", HostPort = 53, Port = 5353, Protocol = "UDP" };

        ContainerPort read = KubeMsgPack.Deserialize<ContainerPort>(reversed);

        Assert.Equal(KubeMsgPack.Serialize(expected), KubeMsgPack.Serialize(read));
    }

    [Fact]
    public void TryRead_UnknownKeyBetweenKnownOnes_SkippedAndRestRead()
    {
        // EnvVar {1 (name): "A", 9 (unknown): [1, 2], 2 (value): "b"}
        byte[] bytes = Convert.FromHexString("83" + "01a141" + "09920102" + "02a162");

        EnvVar read = KubeMsgPack.Deserialize<EnvVar>(bytes);

        Assert.Equal("A", read.Name);
        Assert.Equal("b", read.Value);
    }

    [Fact]
    public void TryRead_RepeatedKey_LastValueWins()
    {
        // EnvVar {1: "A", 2: "b", 1: "C"}: the repeat comes after the in-order pass, as in the switch loop.
        byte[] bytes = Convert.FromHexString("83" + "01a141" + "02a162" + "01a143");

        EnvVar read = KubeMsgPack.Deserialize<EnvVar>(bytes);

        Assert.Equal("C", read.Name);
        Assert.Equal("b", read.Value);
    }

    [Fact]
    public void TryReadString_SameHeadAndTailDifferentMiddle_EachDecodedExactly()
    {
        // 17-40 bytes sharing their first and last eight bytes: same table slot and words, told apart by the full compare.
        var names = new List<string>();
        for (int length = 17; length <= 40; length++)
        {
            foreach (char middle in "xyz")
            {
                names.Add("prefix--" + new string(middle, length - 16) + "--suffix");
            }
        }

        var sample = new ShapeSample { Names = [.. names, .. names] };
        for (int round = 0; round < 2; round++)
        {
            Assert.Equal(sample.Names, KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(sample)).Names);
        }
    }

    [Fact]
    public void TryReadString_ShortStringsOfEveryLength_EachDecodedExactly()
    {
        // 0-16 bytes: the head and tail words overlap or pack the bytes; strings differing in any one byte must not match.
        var names = new List<string>();
        for (int length = 0; length <= 16; length++)
        {
            string basis = new('a', length);
            names.Add(basis);
            for (int i = 0; i < length; i++)
            {
                names.Add(basis[..i] + "b" + basis[(i + 1)..]);
            }
        }

        var sample = new ShapeSample { Names = [.. names, .. names] };
        for (int round = 0; round < 2; round++)
        {
            Assert.Equal(sample.Names, KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(sample)).Names);
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void TryReadString_RepeatedStr8UpToTableLimit_SharesOneInstance(int length)
    {
        string text = new('i', length);
        var sample = new ShapeSample { Names = [text, text] };
        byte[] bytes = KubeMsgPack.Serialize(sample);

        List<string> names = KubeMsgPack.Deserialize<ShapeSample>(bytes).Names!;

        Assert.Equal(text, names[0]);
        Assert.Same(names[0], names[1]);
    }

    [Fact]
    public void TryReadString_Str8LongerThanTableLimit_DecodedEachTime()
    {
        string text = new('l', 65);
        List<string> names = KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(new ShapeSample { Names = [text, text] })).Names!;

        Assert.Equal([text, text], names);
        Assert.NotSame(names[0], names[1]);
    }

    [Fact]
    public void TryReadString_CachedStr8OverStringLimit_LimitExceeded()
    {
        byte[] bytes = KubeMsgPack.Serialize(new ShapeSample { Text = new string('c', 40) });
        KubeMsgPack.Deserialize<ShapeSample>(bytes);

        var tight = new MessagePackLimits { MaxStringBytes = 32 };
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ShapeSample? _, out MessagePackError error, tight));

        Assert.Equal(MessagePackResult.LimitExceeded, error.Code);
        Assert.Equal("text", error.Path);
    }

    [Fact]
    public void TryReadString_TruncatedStr8_EndOfData()
    {
        byte[] bytes = KubeMsgPack.Serialize(new ShapeSample { Text = new string('t', 40) });

        Assert.False(KubeMsgPack.TryDeserialize(bytes.AsSpan(0, bytes.Length - 1), out ShapeSample? _, out MessagePackError error));

        Assert.Equal(MessagePackResult.EndOfData, error.Code);
        Assert.Equal("text", error.Path);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_730_798_067L)]
    [InlineData(4_294_967_295L)]
    public void TryReadTimestamp_WholeSeconds_MatchesPrimitiveDecoder(long seconds)
    {
        DateTimeOffset when = DateTimeOffset.FromUnixTimeSeconds(seconds);
        byte[] bytes = KubeMsgPack.Serialize(new ShapeSample { When = when });
        Assert.Equal(MessagePackCode.FixExt4, bytes[2]);

        Assert.Equal(when, KubeMsgPack.Deserialize<ShapeSample>(bytes).When);
        Assert.Equal(MessagePackResult.Ok, MessagePackPrimitives.TryReadTimestamp(bytes.AsSpan(2), out DateTimeOffset primitive, out _));
        Assert.Equal(when, primitive);
    }

    [Fact]
    public void TryReadTimestamp_TruncatedFixExt4_EndOfDataWithPath()
    {
        byte[] bytes = KubeMsgPack.Serialize(new ShapeSample { When = DateTimeOffset.FromUnixTimeSeconds(100) });

        Assert.False(KubeMsgPack.TryDeserialize(bytes.AsSpan(0, bytes.Length - 1), out ShapeSample? _, out MessagePackError error));

        Assert.Equal(MessagePackResult.EndOfData, error.Code);
        Assert.Equal("when", error.Path);
    }
}
