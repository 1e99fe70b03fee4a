using FastKube.Controllers.Jobs;

namespace FastKube.Controllers.Tests.Jobs;

public sealed class JobIndexesTests
{
    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 3 }, "3")]
    [InlineData(new[] { 0, 1, 2, 5 }, "0-2,5")]
    [InlineData(new[] { 1, 3, 4, 7, 8, 9 }, "1,3-4,7-9")]
    public void FormatAndParse_Indexes_RoundTripAsRanges(int[] indexes, string? text)
    {
        Assert.Equal(text, JobIndexes.Format(new SortedSet<int>(indexes)));
        Assert.Equal(indexes, JobIndexes.Parse(text));
    }

    [Fact]
    public void Parse_Malformed_SkipsBadParts()
    {
        Assert.Equal([2, 4, 5], JobIndexes.Parse("x,2,4-5,-1,7-"));
    }
}
