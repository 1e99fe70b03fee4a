using FastKube.Api.Labels;
using FastKube.Api.Meta;

namespace FastKube.Api.Tests.Labels;

public sealed class SelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "frontend", ["replicas"] = "3" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app", true)]
    [InlineData("!app", false)]
    [InlineData("!missing", true)]
    [InlineData("app in (db, web)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("missing notin (web)", true)]
    [InlineData("app=web,tier=frontend", true)]
    [InlineData("app=web, tier=backend", false)]
    [InlineData("replicas>2", true)]
    [InlineData("replicas<3", false)]
    [InlineData("example.com/role=", false)]
    [InlineData("  app  =  web  ", true)]
    public void TryParse_ValidSelector_MatchesAsUpstream(string text, bool matches)
    {
        Assert.True(Selector.TryParse(text, out var selector, out var error), error);

        Assert.Equal(matches, selector.Matches(Web));
    }

    [Theory]
    [InlineData("app=", "app=")]
    [InlineData("b=2,a=1", "a=1,b=2")]
    [InlineData("app in (z,a,a)", "app in (a,z)")]
    [InlineData("!app", "!app")]
    public void ToString_ParsedSelector_IsCanonical(string text, string canonical)
    {
        Assert.True(Selector.TryParse(text, out var selector, out _));

        Assert.Equal(canonical, selector.ToString());
    }

    [Theory]
    [InlineData("app in ()", "values set can't be empty")]
    [InlineData("app in web", "expected: '('")]
    [InlineData("app=web=x", "expected: ',' or 'end of string'")]
    [InlineData("-bad-key=x", "key: Invalid value: \"-bad-key\"")]
    [InlineData("app=-bad-value-", "Invalid value: \"-bad-value-\"")]
    [InlineData("app>x", "exactly one integer value")]
    [InlineData("=x", "found '=', expected: !, identifier")]
    [InlineData("!app=x", "expected: ',' or 'end of string'")]
    public void TryParse_Malformed_FailsWithReason(string text, string reason)
    {
        Assert.False(Selector.TryParse(text, out _, out var error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFrom_NullSelector_SelectsNothing_EmptySelectsEverything()
    {
        Assert.True(Selector.TryFrom(null, out var none, out _));
        Assert.True(Selector.TryFrom(new LabelSelector(), out var all, out _));

        Assert.False(none.Matches(Web));
        Assert.True(all.Matches(Web));
        Assert.True(all.Matches(null));
    }

    [Fact]
    public void TryFrom_LabelsAndExpressions_AreAnded()
    {
        var labelSelector = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["frontend", "edge"] }],
        };

        Assert.True(Selector.TryFrom(labelSelector, out var selector, out _));

        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "backend" }));
        Assert.True(selector.RequiresExactMatch("app", out var app));
        Assert.Equal("web", app);
    }

    [Fact]
    public void TryFrom_UnknownOperator_FailsNamingIt()
    {
        var labelSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "a", Operator = "Near" }] };

        Assert.False(Selector.TryFrom(labelSelector, out _, out var error));

        Assert.Equal("\"Near\" is not a valid label selector operator", error);
    }
}
