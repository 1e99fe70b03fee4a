namespace FastKube.Storage.Tests;

public sealed class KeyRangeTests
{
    [Theory]
    [InlineData("/registry/pods/", "/registry/pods0")]
    [InlineData("a", "b")]
    [InlineData("a\uffff", "b")]
    [InlineData("\ud7ff", "\ue000")]
    public void PrefixEnd_Prefix_IsSmallestStringAboveAllExtensions(string prefix, string expected)
    {
        Assert.Equal(expected, KeyRange.PrefixEnd(prefix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uffff\uffff")]
    public void PrefixEnd_NoUpperBound_ReturnsNull(string prefix)
    {
        Assert.Null(KeyRange.PrefixEnd(prefix));
    }

    [Fact]
    public void Contains_Prefix_MatchesOnlyExtensions()
    {
        var range = KeyRange.Prefix("/pods/");

        Assert.True(range.Contains("/pods/"));
        Assert.True(range.Contains("/pods/a"));
        Assert.False(range.Contains("/pods"));
        Assert.False(range.Contains("/pods0"));
    }

    [Fact]
    public void Contains_Single_MatchesOnlyThatKey()
    {
        var range = KeyRange.Single("/k");

        Assert.True(range.Contains("/k"));
        Assert.False(range.Contains("/k/"));
        Assert.False(range.Contains("/j"));
    }
}
