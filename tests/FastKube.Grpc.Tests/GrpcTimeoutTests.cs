namespace FastKube.Grpc.Tests;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData(0L, "0n")]
    [InlineData(1L, "100n")]
    [InlineData(999_999L, "99999900n")]
    [InlineData(1_000_000L, "100000u")]
    [InlineData(50_000_000L, "5000000u")]
    [InlineData(1_000_000_001L, "100001m")]
    [InlineData(1_000_000_010L, "100001m")]
    [InlineData(36_000_000_000L, "3600000m")]
    [InlineData(1_000_000_000_000L, "100000S")]
    public void Encode_Timeout_FinestUnitThatFitsEightDigits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Encode(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Encode_RoundsUp_NeverShortensTheDeadline()
    {
        // 10 s + 1 tick does not fit in nanoseconds or microseconds at 8 digits: 10000001 u rounds the 100 ns up.
        Assert.Equal("10000001u", GrpcTimeout.Encode(TimeSpan.FromSeconds(10) + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Encode_MaxValue_StaysWithinEightDigits()
    {
        string encoded = GrpcTimeout.Encode(TimeSpan.MaxValue);

        Assert.EndsWith("H", encoded, StringComparison.Ordinal);
        Assert.True(encoded.Length <= 9);
    }
}
