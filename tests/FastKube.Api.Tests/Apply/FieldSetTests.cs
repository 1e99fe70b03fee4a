using System.Text.Json;
using System.Text.Json.Nodes;
using FastKube.Api.Apply;

namespace FastKube.Api.Tests.Apply;

public sealed class FieldSetTests
{
    private static readonly PathElement Spec = PathElement.Field("spec");
    private static readonly PathElement Containers = PathElement.Field("containers");
    private static readonly PathElement Web = PathElement.Key([KeyValuePair.Create<string, JsonNode?>("name", "web")]);

    [Fact]
    public void ToFieldsV1_MemberWithChildren_WritesDotFirstAndSortsFieldsBeforeKeys()
    {
        var set = new FieldSet();
        set.Insert([Spec, Containers, Web]);
        set.Insert([Spec, Containers, Web, PathElement.Field("image")]);
        set.Insert([Spec, PathElement.Field("replicas")]);
        set.Insert([PathElement.Field("metadata"), PathElement.Field("finalizers"), PathElement.Value(JsonValue.Create("a"))]);

        Assert.Equal(
            """{"f:metadata":{"f:finalizers":{"v:\"a\"":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}},"f:replicas":{}}}""",
            set.ToFieldsV1().GetRawText());
    }

    [Fact]
    public void TryParseFieldsV1_WrittenSet_RoundTrips()
    {
        const string text = """{"f:spec":{"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}},"f:x":{"i:2":{}}}}""";
        using var json = JsonDocument.Parse(text);

        Assert.True(FieldSet.TryParseFieldsV1(json.RootElement, out var set, out var error), error);

        Assert.Equal(text, set.ToFieldsV1().GetRawText());
        Assert.Equal(
            [".spec.ports[containerPort=80,protocol=\"TCP\"]", ".spec.ports[containerPort=80,protocol=\"TCP\"].containerPort", ".spec.x[2]"],
            set.Paths().Select(FieldSets.Render));
    }

    [Fact]
    public void TryParseFieldsV1_UnknownPrefix_FailsWithReason()
    {
        using var json = JsonDocument.Parse("""{"x:spec":{}}""");

        Assert.False(FieldSet.TryParseFieldsV1(json.RootElement, out _, out var error));
        Assert.Contains("x:spec", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_RemovesMembersAndPrunesEmptyNodes()
    {
        var left = new FieldSet();
        left.Insert([Spec, PathElement.Field("replicas")]);
        left.Insert([Spec, PathElement.Field("paused")]);
        var right = new FieldSet();
        right.Insert([Spec, PathElement.Field("replicas")]);

        var difference = left.Difference(right);

        Assert.Equal([".spec.paused"], difference.Paths().Select(FieldSets.Render));
        Assert.True(left.Difference(left).IsEmpty);
    }

    [Fact]
    public void Intersection_KeepsCommonMembersOnly()
    {
        var left = new FieldSet();
        left.Insert([Spec, PathElement.Field("replicas")]);
        left.Insert([Spec, Containers, Web]);
        var right = new FieldSet();
        right.Insert([Spec, PathElement.Field("replicas")]);
        right.Insert([Spec, Containers, Web, PathElement.Field("image")]);

        Assert.Equal([".spec.replicas"], left.Intersection(right).Paths().Select(FieldSets.Render));
        Assert.True(left.Union(right).Contains([Spec, Containers, Web, PathElement.Field("image")]));
    }

    [Fact]
    public void CompareTo_KeysOfSameLength_OrderByValueNumbersBeforeStrings()
    {
        var port80 = PathElement.Key([KeyValuePair.Create<string, JsonNode?>("port", 80)]);
        var port443 = PathElement.Key([KeyValuePair.Create<string, JsonNode?>("port", 443)]);
        var named = PathElement.Key([KeyValuePair.Create<string, JsonNode?>("port", "http")]);

        Assert.True(port80 < port443);
        Assert.True(port443 < named);
        Assert.True(PathElement.Field("z") < port80);
    }
}
