using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Api.Tests.Core;

public sealed class NodeSelectorsTests
{
    private static readonly Node Node = new() { Metadata = new ObjectMeta { Name = "n1", Labels = new() { ["zone"] = "a", ["cpus"] = "16" } } };

    [Theory]
    [InlineData("zone", "In", "a,b", true)]
    [InlineData("zone", "In", "b", false)]
    [InlineData("zone", "NotIn", "b", true)]
    [InlineData("missing", "NotIn", "b", true)]
    [InlineData("zone", "Exists", "", true)]
    [InlineData("missing", "DoesNotExist", "", true)]
    [InlineData("cpus", "Gt", "8", true)]
    [InlineData("cpus", "Lt", "8", false)]
    [InlineData("zone", "Gt", "8", false)]
    [InlineData("zone", "Bogus", "a", false)]
    public void Matches_Expression_AsUpstream(string key, string op, string values, bool expected)
    {
        var term = new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = key, Operator = op, Values = [.. values.Split(',', StringSplitOptions.RemoveEmptyEntries)] }] };

        Assert.Equal(expected, NodeSelectors.Matches(term, Node));
    }

    [Theory]
    [InlineData("In", "n1", true)]
    [InlineData("In", "n2", false)]
    [InlineData("NotIn", "n2", true)]
    [InlineData("Exists", "n1", false)]
    public void Matches_MetadataNameField(string op, string name, bool expected)
    {
        var term = new NodeSelectorTerm { MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = op, Values = [name] }] };

        Assert.Equal(expected, NodeSelectors.Matches(term, Node));
    }

    [Fact]
    public void RequiredMatch_NodeSelectorAndTerms_BothMustHoldAndTermsAreOred()
    {
        PodSpec Spec(Dictionary<string, string>? selector, params NodeSelectorTerm[] terms) => new()
        {
            NodeSelector = selector,
            Affinity = terms.Length == 0 ? null : new Affinity { NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [.. terms] } } },
        };
        var noMatch = new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "zone", Operator = "In", Values = ["z"] }] };
        var match = new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "zone", Operator = "Exists" }] };

        Assert.True(NodeSelectors.RequiredMatch(Spec(null), Node));
        Assert.True(NodeSelectors.RequiredMatch(Spec(new() { ["zone"] = "a" }, noMatch, match), Node));
        Assert.False(NodeSelectors.RequiredMatch(Spec(new() { ["zone"] = "b" }, match), Node));
        Assert.False(NodeSelectors.RequiredMatch(Spec(null, noMatch), Node));
        Assert.False(NodeSelectors.RequiredMatch(Spec(null, new NodeSelectorTerm()), Node));
    }
}
