using FastKube.Api.Fields;

namespace FastKube.Api.Tests.Fields;

public sealed class FieldSelectorTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["metadata.name"] = "web-1",
        ["metadata.namespace"] = "default",
        ["spec.nodeName"] = "n1",
        ["status.phase"] = "Running",
        ["metadata.annotations"] = "a=b,c",
    };

    [Theory]
    [InlineData("", true)]
    [InlineData("metadata.name=web-1", true)]
    [InlineData("metadata.name==web-1", true)]
    [InlineData("metadata.name=web-2", false)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("status.phase!=Pending,spec.nodeName=n1", true)]
    [InlineData("spec.nodeName=", false)]
    [InlineData("spec.schedulerName=", true)]
    [InlineData("metadata.annotations=a\\=b\\,c", true)]
    public void Matches_ParsedSelector_AsUpstream(string text, bool matches)
    {
        Assert.True(FieldSelector.TryParse(text, out var selector, out var error), error);

        Assert.Equal(matches, selector.Matches(field => Pod.GetValueOrDefault(field)));
    }

    [Theory]
    [InlineData("metadata.name")]
    [InlineData("=value")]
    [InlineData("a=b,nonsense")]
    public void TryParse_TermWithoutOperator_FailsNamingIt(string text)
    {
        Assert.False(FieldSelector.TryParse(text, out _, out var error));

        Assert.StartsWith($"invalid selector: '{text}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiresExactMatch_NodeNameTerm_ReturnsValue()
    {
        Assert.True(FieldSelector.TryParse("spec.nodeName=n1,status.phase!=Failed", out var selector, out _));

        Assert.True(selector.RequiresExactMatch("spec.nodeName", out var node));
        Assert.Equal("n1", node);
        Assert.False(selector.RequiresExactMatch("status.phase", out _));
    }

    [Fact]
    public void ToString_ValueWithSeparators_RoundTrips()
    {
        Assert.True(FieldSelector.TryParse("a=x\\,y\\=z", out var selector, out _));

        Assert.True(FieldSelector.TryParse(selector.ToString(), out var again, out _));
        Assert.Equal("x,y=z", again.Requirements.Single().Value);
    }
}
