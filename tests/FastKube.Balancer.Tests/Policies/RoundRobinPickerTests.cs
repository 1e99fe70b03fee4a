using FastKube.Balancer.Configuration;
using FastKube.Balancer.Policies;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Policies;

public sealed class RoundRobinPickerTests
{
    [Fact]
    public void Schedule_Weights3To1_InterleavesSmoothly()
    {
        Assert.Equal([0, 0, 1, 0], RoundRobinPicker.Schedule([3, 1]));
    }

    [Fact]
    public void Schedule_EqualWeights_ReducesToOneSlotPerBackend()
    {
        Assert.Equal([0, 1, 2], RoundRobinPicker.Schedule([5, 5, 5]));
    }

    [Fact]
    public void Select_EqualWeights_CyclesThroughEveryBackendInOrder()
    {
        var frontend = Frontends.Create(3);

        var picks = Enumerable.Range(0, 6).Select(i => frontend.Select(Frontends.Client(i), [])).ToArray();

        Assert.Equal([0, 1, 2, 0, 1, 2], picks);
    }

    [Fact]
    public void Select_Weights_DistributesInProportion()
    {
        var frontend = Frontends.Create(3, weights: [1, 2, 5]);

        Assert.Equal([100, 200, 500], Frontends.Distribution(frontend, 800));
    }

    [Fact]
    public void Select_TriedBackend_IsSkipped()
    {
        var frontend = Frontends.Create(3);

        Assert.Equal(2, frontend.Select(Frontends.Client(1), [0, 1]));
        Assert.Equal(-1, frontend.Select(Frontends.Client(1), [0, 1, 2]));
    }

    [Fact]
    public void Select_EjectedBackend_IsSkippedUntilAllAreEjected()
    {
        var clock = new ManualClock();
        var frontend = Frontends.Create(2, c => c with { Health = new HealthOptions(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)) }, clock);
        frontend.Backends[0].ConnectFailed(clock.GetTimestamp(), frontend.Config.Health, frontend.Clock);

        Assert.Equal([0, 4], Frontends.Distribution(frontend, 4));

        frontend.Backends[1].ConnectFailed(clock.GetTimestamp(), frontend.Config.Health, frontend.Clock);
        Assert.Equal(4, Frontends.Distribution(frontend, 4).Sum());
    }
}
