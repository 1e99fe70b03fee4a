using FastKube.NodeAgent.Containers;

namespace FastKube.NodeAgent.Tests.Containers;

public sealed class EnvExpansionTests
{
    private static readonly Dictionary<string, string> Vars = new() { ["VAR_A"] = "A", ["VAR_B"] = "B", ["EMPTY"] = "" };

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("$(VAR_A)", "A")]
    [InlineData("x$(VAR_A)y$(VAR_B)z", "xAyBz")]
    [InlineData("$(EMPTY)", "")]
    [InlineData("$(UNKNOWN)", "$(UNKNOWN)")]
    [InlineData("$$(VAR_A)", "$(VAR_A)")]
    [InlineData("$$$(VAR_A)", "$A")]
    [InlineData("$$$$(VAR_A)", "$$(VAR_A)")]
    [InlineData("$(VAR_A", "$(VAR_A")]
    [InlineData("$VAR_A", "$VAR_A")]
    [InlineData("a$", "a$")]
    [InlineData("$", "$")]
    [InlineData("$()", "$()")]
    [InlineData("$(VAR_A)$(VAR_B", "A$(VAR_B")]
    [InlineData("$(VAR_A)$", "A$")]
    public void Expand_Input_MatchesUpstream(string input, string expected) =>
        Assert.Equal(expected, EnvExpansion.Expand(input, name => Vars.GetValueOrDefault(name)));
}
