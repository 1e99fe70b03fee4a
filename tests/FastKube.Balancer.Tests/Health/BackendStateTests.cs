using System.Net;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Health;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Health;

public sealed class BackendStateTests
{
    private static readonly HealthOptions Health = new(3, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25));

    [Fact]
    public void ConnectFailed_ThresholdInARow_EjectsForBackoff()
    {
        var time = new ManualClock();
        var clock = new Clock(time);
        var backend = new BackendState("web", new IPEndPoint(IPAddress.Loopback, 1));

        Assert.False(backend.ConnectFailed(time.GetTimestamp(), Health, clock));
        Assert.False(backend.ConnectFailed(time.GetTimestamp(), Health, clock));
        Assert.True(backend.ConnectFailed(time.GetTimestamp(), Health, clock));
        Assert.True(backend.IsEjected(time.GetTimestamp()));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(backend.IsEjected(time.GetTimestamp()));
        Assert.Equal(3, backend.ConnectErrors);
        Assert.Equal(1, backend.Ejections);
    }

    [Fact]
    public void ConnectSucceeded_BetweenFailures_ResetsTheCount()
    {
        var time = new ManualClock();
        var clock = new Clock(time);
        var backend = new BackendState("web", new IPEndPoint(IPAddress.Loopback, 1));

        backend.ConnectFailed(time.GetTimestamp(), Health, clock);
        backend.ConnectFailed(time.GetTimestamp(), Health, clock);
        backend.ConnectSucceeded();

        Assert.False(backend.ConnectFailed(time.GetTimestamp(), Health, clock));
        Assert.False(backend.IsEjected(time.GetTimestamp()));
    }

    [Fact]
    public void ConnectFailed_RepeatedEjections_DoubleBackoffUpToCap()
    {
        var time = new ManualClock();
        var clock = new Clock(time);
        var backend = new BackendState("web", new IPEndPoint(IPAddress.Loopback, 1));
        var lengths = new List<double>();

        for (var ejection = 0; ejection < 3; ejection++)
        {
            while (!backend.ConnectFailed(time.GetTimestamp(), Health, clock))
            {
            }

            var seconds = 0;
            while (backend.IsEjected(time.GetTimestamp()))
            {
                time.Advance(TimeSpan.FromSeconds(1));
                seconds++;
            }

            lengths.Add(seconds);
        }

        Assert.Equal([10, 20, 25], lengths);
    }
}
