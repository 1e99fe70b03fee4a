using System.Text.Json.Nodes;
using FastKube.Api.Patching;

namespace FastKube.Api.Tests.Patching;

public sealed class JsonPatchTests
{
    // The examples of RFC 6902 Appendix A that succeed.
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":[1]}]""", """[1]""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"},{"op":"replace","path":"/c/b","value":2}]""", """{"a":{"b":1},"c":{"b":2}}""")]
    public void Apply_Rfc6902Examples_GiveTheSpecifiedResult(string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch));

        Assert.Equal(PatchStatus.Ok, result.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result.Document), result.Document?.ToJsonString());
    }

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", PatchStatus.NotApplicable, "test failed")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", PatchStatus.NotApplicable, "parent of /baz/bat does not exist")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/nope"}]""", PatchStatus.NotApplicable, "/nope does not exist")]
    [InlineData("""{"foo":["a"]}""", """[{"op":"add","path":"/foo/5","value":1}]""", PatchStatus.NotApplicable, "no such object member or array index")]
    [InlineData("""{"foo":["a"]}""", """[{"op":"remove","path":"/foo/01"}]""", PatchStatus.NotApplicable, "does not exist")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"frobnicate","path":"/foo"}]""", PatchStatus.InvalidPatch, "unknown op \"frobnicate\"")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/foo"}]""", PatchStatus.InvalidPatch, "needs a \"value\"")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"foo","value":1}]""", PatchStatus.InvalidPatch, "must start with '/'")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/a~2"}]""", PatchStatus.InvalidPatch, "invalid escape")]
    [InlineData("""{"a":{"b":{}}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", PatchStatus.InvalidPatch, "into its own child")]
    [InlineData("""{"foo":"bar"}""", """{"op":"add"}""", PatchStatus.InvalidPatch, "must be an array")]
    [InlineData("""{"foo":"bar"}""", """[42]""", PatchStatus.InvalidPatch, "not an object")]
    public void Apply_BadPatch_FailsWithReasonAndLeavesInputIntact(string document, string patch, PatchStatus status, string reason)
    {
        var input = JsonNode.Parse(document);
        var before = input!.ToJsonString();

        var result = JsonPatch.Apply(input, JsonNode.Parse(patch));

        Assert.Equal(status, result.Status);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, input.ToJsonString());
    }

    [Fact]
    public void Apply_LaterOperationFails_EarlierOnesAreNotVisible()
    {
        var input = JsonNode.Parse("""{"a":1}""");

        var result = JsonPatch.Apply(input, JsonNode.Parse("""[{"op":"replace","path":"/a","value":2},{"op":"remove","path":"/missing"}]"""));

        Assert.Equal(PatchStatus.NotApplicable, result.Status);
        Assert.StartsWith("operation 1:", result.Error, StringComparison.Ordinal);
        Assert.Equal("""{"a":1}""", input!.ToJsonString());
    }

    [Fact]
    public void Apply_MoreThanTheOperationLimit_IsTooLarge()
    {
        var operations = new JsonArray([.. Enumerable.Range(0, JsonPatch.MaxOperations + 1).Select(_ => (JsonNode)new JsonObject { ["op"] = "test", ["path"] = "", ["value"] = 1 })]);

        var result = JsonPatch.Apply(JsonNode.Parse("1"), operations);

        Assert.Equal(PatchStatus.TooLarge, result.Status);
        Assert.Equal("The allowed maximum operations in a JSON patch is 10000, got: 10001", result.Error);
    }
}
