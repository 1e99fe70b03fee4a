using FastKube.ApiServer.Printing;

namespace FastKube.ApiServer.Tests.Printing;

public sealed class HumanDurationTests
{
    // Boundaries of apimachinery's duration.HumanDuration.
    [Theory]
    [InlineData(-2, "<invalid>")]
    [InlineData(-0.5, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(5 * 3600 + 12 * 60, "5h12m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(2 * 365 * 86400 + 100 * 86400, "2y100d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void Format_Duration_MatchesUpstream(double seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Age_NoTimestamp_IsUnknown()
    {
        Assert.Equal("<unknown>", HumanDuration.Age(null, DateTimeOffset.UtcNow));
    }
}
