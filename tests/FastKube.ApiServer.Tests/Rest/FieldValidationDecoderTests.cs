using System.Text;
using System.Text.Json;
using FastKube.Api;
using FastKube.Api.Core;
using FastKube.ApiServer.Rest;

namespace FastKube.ApiServer.Tests.Rest;

public sealed class FieldValidationDecoderTests
{
    private static readonly KubeTypeInfo Pods = KubeTypes.TryGetByKind("", "v1", "Pod", out var info) ? info : throw new InvalidOperationException();

    private static object? Decode(string json, FieldValidation mode, out IReadOnlyList<string> problems) =>
        FieldValidationDecoder.Deserialize(Encoding.UTF8.GetBytes(json), Pods, mode, out problems);

    [Fact]
    public void Deserialize_Strict_ListsEveryUnknownAndDuplicateFieldWithItsPath()
    {
        const string body = """{"metadata":{"name":"p","nme":"x"},"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","imag":"y","image":"z"}],"restartPolicy":"Always","restartPolicy":"Never"},"bogus":1}""";

        Assert.Null(Decode(body, FieldValidation.Strict, out var problems));

        Assert.Equal(["unknown field \"metadata.nme\"", "unknown field \"spec.containers[1].imag\"", "duplicate field \"spec.restartPolicy\"", "unknown field \"bogus\""], problems);
        Assert.Equal(
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"metadata.nme\", unknown field \"spec.containers[1].imag\", duplicate field \"spec.restartPolicy\", unknown field \"bogus\"",
            FieldValidationDecoder.StrictError(Pods, problems));
    }

    [Fact]
    public void Deserialize_Warn_DecodesAndStillReportsTheFields()
    {
        var pod = Assert.IsType<Pod>(Decode("""{"metadata":{"name":"p"},"spec":{"nodeNme":"n1"}}""", FieldValidation.Warn, out var problems));

        Assert.Equal("p", pod.Metadata!.Name);
        Assert.Equal(["unknown field \"spec.nodeNme\""], problems);
    }

    [Fact]
    public void Deserialize_KnownFieldsOnly_HasNoProblems()
    {
        Assert.IsType<Pod>(Decode("""{"metadata":{"name":"p","labels":{"a":"b"}},"spec":{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":"1"}}}]}}""", FieldValidation.Strict, out var problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void Deserialize_MalformedJson_ThrowsWithoutProblems()
    {
        Assert.ThrowsAny<JsonException>(() => Decode("""{"metadata":{"name":"p"},""", FieldValidation.Strict, out _));
    }
}
