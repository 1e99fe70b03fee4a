using System.Buffers;
using System.Text.Json;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Api.Tests.Serialization.MessagePack;

public class KubeMsgPackTests
{
    [Fact]
    public void Serialize_FullSample_RoundTripsEveryShape()
    {
        ShapeSample sample = ShapeSamples.Full();

        ShapeSample read = KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(sample));

        Assert.Equal(sample.Text, read.Text);
        Assert.Equal(sample.Flag, read.Flag);
        Assert.Equal(sample.Small, read.Small);
        Assert.Equal(sample.Large, read.Large);
        Assert.Equal(sample.Ratio, read.Ratio);
        Assert.Equal(sample.When, read.When);
        Assert.Equal(sample.Blob, read.Blob);
        Assert.Equal(sample.Raw!.Value.GetRawText(), read.Raw!.Value.GetRawText());
        Assert.Equal("second", read.Child!.Next!.Name);
        Assert.Equal(8080, read.Child.Port);
        Assert.Equal(sample.Names, read.Names);
        Assert.Equal([1, 2], read.Children!.Select(c => c.Port));
        Assert.Equal(sample.Matrix, read.Matrix);
        Assert.Equal(sample.Labels, read.Labels);
        Assert.Equal(9, read.ChildrenByName!["x"].Port);
        Assert.Equal(sample.Groups!["g"], read.Groups!["g"]);
        Assert.Equal(sample.Blobs!["key"], read.Blobs!["key"]);
        Assert.Equal(sample.Numbers, read.Numbers);
        Assert.Equal(sample.PodIPs, read.PodIPs);
        Assert.Equal("k127", read.HighKey);
        Assert.Equal(300, read.WideKey);
    }

    [Fact]
    public void Serialize_FullSample_ReserializesToIdenticalBytes()
    {
        byte[] first = KubeMsgPack.Serialize(ShapeSamples.Full());
        byte[] second = KubeMsgPack.Serialize(KubeMsgPack.Deserialize<ShapeSample>(first));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Serialize_EmptyObject_IsEmptyMap()
    {
        Assert.Equal([0x80], KubeMsgPack.Serialize(new ShapeSample()));
    }

    [Fact]
    public void Serialize_NullProperties_AreAbsentAndMapCountMatches()
    {
        byte[] bytes = KubeMsgPack.Serialize(new ShapeSample { Text = "a", Small = 1 });
        Assert.Equal("8201a16103" + "01", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Serialize_NullCollectionElements_WrittenAsNilAndReadBack()
    {
        var sample = new ShapeSample { Names = ["a", null!], Labels = new() { ["k"] = null! } };
        ShapeSample read = KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(sample));
        Assert.Null(read.Names![1]);
        Assert.Null(read.Labels!["k"]);
    }

    [Fact]
    public void Serialize_EmptyCollections_StayEmptyNotNull()
    {
        var sample = new ShapeSample { Names = [], Labels = [] };
        ShapeSample read = KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(sample));
        Assert.Empty(read.Names!);
        Assert.Empty(read.Labels!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(85)]
    [InlineData(86)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(70000)]
    public void Serialize_StringLengths_RoundTripAsciiAndMultibyte(int length)
    {
        foreach (char c in "aé€")
        {
            var text = new string(c, length);
            ShapeSample read = KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(new ShapeSample { Text = text }));
            Assert.Equal(text, read.Text);
        }
    }

    [Fact]
    public void Serialize_SurrogatePair_RoundTrips()
    {
        const string Text = "emoji 😀 end";
        Assert.Equal(Text, KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(new ShapeSample { Text = Text })).Text);
    }

    [Fact]
    public void Serialize_IntoBufferWriter_SameBytesAsArray()
    {
        var buffer = new ArrayBufferWriter<byte>(1);
        ShapeSample sample = ShapeSamples.Full();
        KubeMsgPack.Serialize(buffer, sample);
        Assert.Equal(KubeMsgPack.Serialize(sample), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Deserialize_MultiSegmentSequence_SameAsContiguous()
    {
        byte[] bytes = KubeMsgPack.Serialize(ShapeSamples.Full());
        ReadOnlySequence<byte> sequence = Segments.Split(bytes, 7);
        Assert.False(sequence.IsSingleSegment);
        ShapeSample read = KubeMsgPack.Deserialize<ShapeSample>(sequence);
        Assert.Equal(bytes, KubeMsgPack.Serialize(read));
    }

    [Fact]
    public void Deserialize_UnknownKeys_AreSkipped()
    {
        // {1: "a", 99: [1, {"x": nil}], 3: 7}: key 99 is from a newer schema.
        byte[] bytes = Convert.FromHexString("8301a161" + "63" + "9201" + "81a178c0" + "0307");
        ShapeSample read = KubeMsgPack.Deserialize<ShapeSample>(bytes);
        Assert.Equal("a", read.Text);
        Assert.Equal(7, read.Small);
    }

    [Fact]
    public void Deserialize_DuplicateKey_LastWins()
    {
        byte[] bytes = Convert.FromHexString("8201a16101a162");
        Assert.Equal("b", KubeMsgPack.Deserialize<ShapeSample>(bytes).Text);
    }

    [Fact]
    public void Deserialize_NilValue_LeavesPropertyNull()
    {
        byte[] bytes = Convert.FromHexString("8101c0");
        Assert.Null(KubeMsgPack.Deserialize<ShapeSample>(bytes).Text);
    }

    [Fact]
    public void Deserialize_IntegerForDouble_Accepted()
    {
        Assert.Equal(3.0, KubeMsgPack.Deserialize<ShapeSample>(Convert.FromHexString("810503")).Ratio);
    }

    [Fact]
    public void TryDeserialize_TopLevelNil_TypeMismatch()
    {
        Assert.False(KubeMsgPack.TryDeserialize([0xc0], out ShapeSample? value, out MessagePackError error));
        Assert.Null(value);
        Assert.Equal(MessagePackResult.TypeMismatch, error.Code);
    }

    [Fact]
    public void TryDeserialize_TrailingBytes_Invalid()
    {
        Assert.False(KubeMsgPack.TryDeserialize([0x80, 0x00], out ShapeSample? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.Invalid, error.Code);
        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public void Serialize_RealMetaType_StatusRoundTrips()
    {
        var status = new Status
        {
            ApiVersion = "v1",
            Kind = "Status",
            Outcome = Status.Failure,
            Message = "pods \"x\" not found",
            Reason = "NotFound",
            Code = 404,
            Details = new StatusDetails { Name = "x", Kind = "pods" },
        };

        Status read = KubeMsgPack.Deserialize<Status>(KubeMsgPack.Serialize(status));

        Assert.Equal(KubeJson.SerializeToString(status), KubeJson.SerializeToString(read));
    }

    [Fact]
    public void Serialize_TypeWithoutFormatter_ThrowsInvalidOperation()
    {
        Assert.False(KubeMsgPack.CanSerialize<KubeMsgPackTests>());
        Assert.Throws<InvalidOperationException>(() => KubeMsgPack.Serialize(this));
    }

    [Fact]
    public void Serialize_JsonNumbers_IntegralAsIntOtherwiseFloat()
    {
        var sample = new ShapeSample { Raw = JsonDocument.Parse("[1, 1.5, -2]").RootElement.Clone() };
        // {8: [1, 1.5 (float64), -2]}
        Assert.Equal("8108" + "93" + "01" + "cb3ff8000000000000" + "fe", Convert.ToHexStringLower(KubeMsgPack.Serialize(sample)));
    }
}
