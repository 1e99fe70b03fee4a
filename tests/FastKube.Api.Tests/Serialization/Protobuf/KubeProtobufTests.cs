using System.Text;
using FastKube.Api.Serialization.Protobuf;

namespace FastKube.Api.Tests.Serialization.Protobuf;

public sealed class KubeProtobufTests
{
    // A minimal protobuf writer for building bodies: tag, varint, length-delimited.
    private static byte[] Field(int number, byte[] payload) => [.. Varint((ulong)((number << 3) | 2)), .. Varint((ulong)payload.Length), .. payload];

    private static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    private static byte[] VarintField(int number, ulong value) => [.. Varint((ulong)(number << 3)), .. Varint(value)];

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw) =>
        [.. "k8s\0"u8.ToArray(), .. Field(1, [.. Field(1, apiVersion), .. Field(2, kind)]), .. Field(2, raw)];

    private static byte[] Entry(string key, byte[] value) => [.. Field(1, key), .. Field(2, value)];

    [Fact]
    public void TryDecodeToJson_ConfigMap_MapsUpstreamFieldNumbers()
    {
        byte[] meta = [.. Field(1, "cfg"), .. Field(3, "team"), .. Field(11, Entry("app", Encoding.UTF8.GetBytes("web"))), .. Field(14, "example.com/hold"),
            .. Field(8, VarintField(1, 1_700_000_000))];
        byte[] raw = [.. Field(1, meta), .. Field(2, Entry("mode", Encoding.UTF8.GetBytes("fast"))), .. Field(3, Entry("blob", [0, 1, 2])), .. VarintField(4, 1)];

        Assert.True(KubeProtobuf.TryDecodeToJson(Envelope("v1", "ConfigMap", raw), out var json, out var error), error);

        Assert.Equal(
            """{"metadata":{"name":"cfg","namespace":"team","labels":{"app":"web"},"finalizers":["example.com/hold"],"creationTimestamp":"2023-11-14T22:13:20Z"},"data":{"mode":"fast"},"binaryData":{"blob":"AAEC"},"immutable":true,"apiVersion":"v1","kind":"ConfigMap"}""",
            json.ToJsonString());
    }

    [Fact]
    public void TryDecodeToJson_SecretData_IsBase64InJson()
    {
        byte[] raw = [.. Field(1, Field(1, "creds")), .. Field(2, Entry("password", Encoding.UTF8.GetBytes("s3cr3t"))), .. Field(3, "Opaque")];

        Assert.True(KubeProtobuf.TryDecodeToJson(Envelope("v1", "Secret", raw), out var json, out _));

        Assert.Equal("czNjcjN0", (string?)json["data"]!["password"]);
        Assert.Equal("Opaque", (string?)json["type"]);
    }

    [Fact]
    public void TryDecodeToJson_Pod_InlinesEmbeddedStructsAndReadsQuantitiesIntOrStringAndPackedInts()
    {
        byte[] quantity = Field(1, "500m");
        byte[] httpGet = [.. Field(1, "/healthz"), .. Field(2, [.. VarintField(1, 0), .. VarintField(2, 8080)])];
        byte[] probe = [.. Field(1, Field(2, httpGet)), .. VarintField(4, 5)];
        byte[] container = [.. Field(1, "app"), .. Field(2, "nginx"), .. Field(8, Field(1, Entry("cpu", quantity))), .. Field(10, probe), .. Field(5, "")];
        byte[] volume = [.. Field(1, "scratch"), .. Field(2, Field(2, Field(1, "Memory")))];
        byte[] security = Field(4, [.. Varint(1000), .. Varint(2000)]);
        byte[] raw = [.. Field(1, Field(1, "web")), .. Field(2, [.. Field(1, volume), .. Field(2, container), .. Field(14, security), .. VarintField(4, 0)])];

        Assert.True(KubeProtobuf.TryDecodeToJson(Envelope("v1", "Pod", raw), out var json, out var error), error);

        Assert.Equal(
            """{"metadata":{"name":"web"},"spec":{"volumes":[{"name":"scratch","emptyDir":{"medium":"Memory"}}],"containers":[{"name":"app","image":"nginx","resources":{"limits":{"cpu":"500m"}},"livenessProbe":{"httpGet":{"path":"/healthz","port":8080},"periodSeconds":5}}],"securityContext":{"supplementalGroups":[1000,2000]},"terminationGracePeriodSeconds":0},"apiVersion":"v1","kind":"Pod"}""",
            json.ToJsonString());
    }

    [Fact]
    public void TryDecodeToJson_LeaseMicroTimeAndStringPort_KeepMicrosecondsAndNames()
    {
        byte[] renew = [.. VarintField(1, 1_700_000_000), .. VarintField(2, 123_456_000)];
        byte[] raw = [.. Field(1, Field(1, "node-a")), .. Field(2, [.. Field(1, "node-a"), .. VarintField(2, 40), .. Field(4, renew)])];

        Assert.True(KubeProtobuf.TryDecodeToJson(Envelope("coordination.k8s.io/v1", "Lease", raw), out var json, out var error), error);

        Assert.Equal("2023-11-14T22:13:20.123456Z", (string?)json["spec"]!["renewTime"]);
        Assert.Equal(40, (int?)json["spec"]!["leaseDurationSeconds"]);
    }

    [Fact]
    public void TryDecodeToJson_ZeroValues_PlainFieldsAreUnsetPointerFieldsAreKept()
    {
        byte[] container = [.. Field(1, "app"), .. VarintField(16, 0), .. VarintField(17, 0)];
        byte[] template = [.. Field(1, Field(1, "")), .. Field(2, [.. Field(2, container), .. VarintField(11, 0)])];
        byte[] raw = [.. Field(1, [.. Field(1, "web"), .. VarintField(7, 0)]), .. Field(2, [.. VarintField(1, 0), .. Field(3, template)])];

        Assert.True(KubeProtobuf.TryDecodeToJson(Envelope("apps/v1", "Deployment", raw), out var json, out var error), error);

        Assert.Equal("""{"metadata":{"name":"web"},"spec":{"replicas":0,"template":{"metadata":{},"spec":{"containers":[{"name":"app"}]}}},"apiVersion":"apps/v1","kind":"Deployment"}""", json.ToJsonString());
    }

    [Fact]
    public void Supports_EveryServedKind_HasASchema()
    {
        Assert.All(KubeTypes.All, info => Assert.True(KubeProtobuf.Supports(info.ApiVersion, info.Kind), $"{info.ApiVersion} {info.Kind}: rerun scripts/gen-protobuf-schema"));
    }

    [Fact]
    public void TryDecodeToJson_FieldNewerThanSchema_IsSkipped()
    {
        byte[] raw = [.. Field(1, [.. Field(1, "ns1"), .. Field(99, "from-a-newer-release")]), .. VarintField(99, 5)];

        Assert.True(KubeProtobuf.TryDecodeToJson(Envelope("v1", "Namespace", raw), out var json, out _));

        Assert.Equal("""{"metadata":{"name":"ns1"},"apiVersion":"v1","kind":"Namespace"}""", json.ToJsonString());
    }

    [Theory]
    [InlineData("nomagic")]
    [InlineData("truncated")]
    [InlineData("hugelength")]
    [InlineData("longvarint")]
    [InlineData("unsupported")]
    [InlineData("wrongwiretype")]
    public void TryDecodeToJson_HostileInput_FailsWithReason(string shape)
    {
        byte[] valid = Envelope("v1", "ConfigMap", Field(1, Field(1, "cfg")));
        byte[] body = shape switch
        {
            "nomagic" => valid[4..],
            "truncated" => valid[..^3],
            "hugelength" => [.. "k8s\0"u8.ToArray(), 0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3],
            "longvarint" => [.. "k8s\0"u8.ToArray(), 0x08, .. Enumerable.Repeat((byte)0xff, 11)],
            "unsupported" => Envelope("batch/v1", "CronJob", Field(1, Field(1, "c"))),
            _ => Envelope("v1", "ConfigMap", [.. Field(1, Field(1, "cfg")), .. VarintField(2, 7)]),
        };

        Assert.False(KubeProtobuf.TryDecodeToJson(body, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryDecodeToJson_RandomBytes_NeverThrows()
    {
        var random = new Random(20261122);
        var prefix = "k8s\0"u8.ToArray();
        for (var i = 0; i < 5000; i++)
        {
            var noise = new byte[random.Next(0, 64)];
            random.NextBytes(noise);
            var body = i % 2 == 0 ? [.. prefix, .. noise] : noise;

            KubeProtobuf.TryDecodeToJson(body, out _, out _);
        }
    }
}
