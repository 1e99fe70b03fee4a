using FastKube.Controllers.Jobs;

namespace FastKube.Controllers.Tests.Jobs;

public sealed class JobBackoffTests
{
    private static readonly DateTimeOffset Failed = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 10)]
    [InlineData(1, 4, 6)]
    [InlineData(1, 11, 0)]
    [InlineData(2, 0, 20)]
    [InlineData(3, 0, 40)]
    [InlineData(6, 0, 320)]
    [InlineData(7, 0, 360)]
    [InlineData(30, 300, 60)]
    public void Remaining_ConsecutiveFailures_DoublesFromTenSecondsUpToSixMinutes(int failures, int elapsedSeconds, int expectedSeconds)
    {
        var backoff = new JobBackoff(failures, Failed);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), backoff.Remaining(Failed.AddSeconds(elapsedSeconds)));
    }

    [Fact]
    public void After_SuccessBetweenFailures_CountsOnlyFailuresAfterIt()
    {
        var record = JobBackoff.None.After([(Failed, false), (Failed.AddSeconds(1), true), (Failed.AddSeconds(3), false), (Failed.AddSeconds(2), false)]);

        Assert.Equal(new JobBackoff(2, Failed.AddSeconds(3)), record);
    }
}
