using FastKube.NodeAgent.Configuration;

namespace FastKube.NodeAgent.Tests.Configuration;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("5m0s", 300_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("250ms", 250)]
    [InlineData("0", 0)]
    [InlineData("-2s", -2_000)]
    public void TryParse_GoText_Milliseconds(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10d")]
    [InlineData("s")]
    [InlineData("1..5s")]
    public void TryParse_NotGo_False(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(10_000, "10s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(250, "250ms")]
    public void Format_Milliseconds_GoText(long milliseconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
