using FastKube.Api.Core;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;
using FastKube.Api.Serialization.MessagePack;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>Quantities, IntOrString and the decode-side string table.</summary>
public class KubeValueTests
{
    [Fact]
    public void Quantity_EqualAmountsInOtherFormats_KeepTheirOwnText()
    {
        string[] texts = ["1Gi", "1073741824", "1", "1000m", "64Mi", "128Mi", "256Mi", "512Mi", "1.5", "1500m", "2e3"];
        var requirements = new ResourceRequirements { Requests = texts.Select((t, i) => (t, i)).ToDictionary(p => "r" + p.i, p => Quantity.Parse(p.t)) };

        for (int round = 0; round < 2; round++)
        {
            ResourceRequirements read = KubeMsgPack.Deserialize<ResourceRequirements>(KubeMsgPack.Serialize(requirements));
            foreach ((string name, Quantity quantity) in requirements.Requests)
            {
                Assert.Equal(quantity.ToString(), read.Requests![name].ToString());
                Assert.Equal(quantity.Format, read.Requests[name].Format);
            }
        }
    }

    [Fact]
    public void Quantity_NotAQuantity_InvalidWithPath()
    {
        // ResourceRequirements {2 (requests): {"cpu": "lots"}}
        byte[] bytes = Convert.FromHexString("8102" + "81a3637075a46c6f7473");
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ResourceRequirements? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.Invalid, error.Code);
        Assert.Equal("requests[\"cpu\"]", error.Path);
        Assert.Contains("lots", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IntOrString_BothForms_RoundTrip()
    {
        var port = new ServicePort { Port = 80, TargetPort = new IntOrString("http") };
        var numeric = new ServicePort { Port = 80, TargetPort = new IntOrString(8080) };
        Assert.Equal("http", KubeMsgPack.Deserialize<ServicePort>(KubeMsgPack.Serialize(port)).TargetPort!.Value.StringValue);
        ServicePort read = KubeMsgPack.Deserialize<ServicePort>(KubeMsgPack.Serialize(numeric));
        Assert.False(read.TargetPort!.Value.IsString);
        Assert.Equal(8080, read.TargetPort.Value.IntValue);
    }

    [Fact]
    public void IntOrString_Bool_TypeMismatchWithPath()
    {
        var port = new ServicePort { TargetPort = new IntOrString(1) };
        byte[] bytes = KubeMsgPack.Serialize(port);
        bytes[^1] = 0xc3;
        Assert.False(KubeMsgPack.TryDeserialize(bytes, out ServicePort? _, out MessagePackError error));
        Assert.Equal(MessagePackResult.TypeMismatch, error.Code);
        Assert.Equal("targetPort", error.Path);
    }

    [Fact]
    public void TryReadString_ManyDistinctShortStrings_EachDecodedExactly()
    {
        // More distinct values than the string table has slots, so slots are replaced over and over.
        var sample = new ShapeSample { Names = Enumerable.Range(0, 10_000).Select(i => "n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList() };
        for (int round = 0; round < 2; round++)
        {
            Assert.Equal(sample.Names, KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(sample)).Names);
        }
    }

    [Fact]
    public void TryReadString_RepeatedShortAscii_SharesOneInstance()
    {
        var sample = new ShapeSample { Names = ["Ready", "Ready"] };
        List<string> names = KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(sample)).Names!;
        Assert.Same(names[0], names[1]);
    }

    [Fact]
    public void TryReadString_ShortNonAscii_DecodedNotCachedAsAscii()
    {
        var sample = new ShapeSample { Names = ["é", "\u00e9t\u00e9", "日本"] };
        Assert.Equal(sample.Names, KubeMsgPack.Deserialize<ShapeSample>(KubeMsgPack.Serialize(sample)).Names);
    }
}
