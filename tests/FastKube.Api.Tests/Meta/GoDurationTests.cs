using FastKube.Api.Meta;

namespace FastKube.Api.Tests.Meta;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("10s", 10_000)]
    [InlineData("5m0s", 300_000)]
    [InlineData("1h0m0s", 3_600_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("300ms", 300)]
    [InlineData("-1m", -60_000)]
    [InlineData("+2s", 2_000)]
    [InlineData("1m30.5s", 90_500)]
    [InlineData("1500us", 1.5)]
    [InlineData("1500µs", 1.5)]
    public void TryParse_GoSyntax_ReturnsDuration(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("10")]
    [InlineData("1d")]
    [InlineData("s")]
    [InlineData(".s")]
    [InlineData("1.2.3s")]
    [InlineData("-")]
    [InlineData("10 s")]
    [InlineData("9999999999999h")]
    public void TryParse_NotGoSyntax_ReturnsFalse(string? text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(10_000, "10s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(500, "500ms")]
    [InlineData(1.5, "1.5ms")]
    [InlineData(0.0025, "2.5µs")]
    [InlineData(-60_000, "-1m0s")]
    public void Format_Duration_PrintsAsGo(double milliseconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
