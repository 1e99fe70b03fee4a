using FastKube.Api;
using FastKube.Controllers.Deployments;

namespace FastKube.Controllers.Tests.Deployments;

public sealed class RollingUpdateMathTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("25%", "25%", 10, 3, 2)]
    [InlineData("25%", "25%", 1, 1, 0)]
    [InlineData("0", "0", 5, 0, 1)]
    [InlineData("2", "0%", 4, 2, 0)]
    [InlineData("50%", "1", 3, 2, 1)]
    [InlineData("0%", "0%", 0, 0, 1)]
    public void ResolveFenceposts_IntsAndPercents_RoundSurgeUpAndUnavailableDown(string surge, string unavailable, int desired, int expectedSurge, int expectedUnavailable)
    {
        Assert.Equal((expectedSurge, expectedUnavailable), RollingUpdateMath.ResolveFenceposts(IntOrString.Parse(surge), IntOrString.Parse(unavailable), desired));
    }

    [Theory]
    [InlineData(10, 3, 10, 0, 3)]
    [InlineData(10, 3, 13, 3, 3)]
    [InlineData(10, 3, 11, 8, 10)]
    [InlineData(10, 0, 10, 0, 0)]
    [InlineData(3, 10, 3, 0, 3)]
    public void NewReplicaSetReplicas_StaysWithinDesiredPlusSurge(int desired, int surge, int all, int current, int expected)
    {
        Assert.Equal(expected, RollingUpdateMath.NewReplicaSetReplicas(desired, surge, all, current));
    }

    [Fact]
    public void ScaleDownOld_HealthyOldSet_KeepsMinimumAvailable()
    {
        var next = RollingUpdateMath.ScaleDownOld(10, 2, [new(T0, 10, 10)], new(T0.AddMinutes(1), 3, 0));

        Assert.Equal([8], next);
    }

    [Fact]
    public void ScaleDownOld_UnhealthyReplicas_GoFirstWithoutTouchingHealthyOnes()
    {
        var next = RollingUpdateMath.ScaleDownOld(10, 2, [new(T0, 5, 2), new(T0.AddMinutes(1), 5, 5)], new(T0.AddMinutes(2), 0, 0));

        Assert.Equal([3, 5], next);
    }

    [Fact]
    public void ScaleDownOld_NewSetAvailable_ScalesOldestFirst()
    {
        var next = RollingUpdateMath.ScaleDownOld(10, 2, [new(T0.AddMinutes(1), 4, 4), new(T0, 3, 3)], new(T0.AddMinutes(2), 5, 5));

        Assert.Equal([3, 0], next);
    }

    [Fact]
    public void ScaleDownOld_NewSetNotAvailableYet_WaitsForIt()
    {
        var next = RollingUpdateMath.ScaleDownOld(10, 2, [new(T0, 8, 8)], new(T0.AddMinutes(1), 5, 0));

        Assert.Equal([8], next);
    }
}
