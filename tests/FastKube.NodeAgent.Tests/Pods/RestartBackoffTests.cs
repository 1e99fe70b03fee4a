using FastKube.Client.Testing;
using FastKube.NodeAgent.Pods;

namespace FastKube.NodeAgent.Tests.Pods;

public sealed class RestartBackoffTests
{
    [Fact]
    public void Next_Repeated_DoublesFromTenSecondsToFiveMinutes()
    {
        var time = new ManualTimeProvider();
        var backoff = new RestartBackoff(time);
        var delays = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            backoff.Next("k");
            backoff.IsInBackOff("k", time.GetUtcNow(), out var delay, out _);
            delays.Add(delay.TotalSeconds);
        }

        Assert.Equal([10, 20, 40, 80, 160, 300, 300], delays);
    }

    [Fact]
    public void IsInBackOff_MeasuredFromExit_RemainingShrinks()
    {
        var time = new ManualTimeProvider();
        var backoff = new RestartBackoff(time);
        Assert.False(backoff.IsInBackOff("k", time.GetUtcNow(), out _, out _));

        backoff.Next("k");
        var exited = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.True(backoff.IsInBackOff("k", exited, out var delay, out var remaining));
        Assert.Equal(TimeSpan.FromSeconds(10), delay);
        Assert.Equal(TimeSpan.FromSeconds(6), remaining);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(backoff.IsInBackOff("k", exited, out _, out _));
    }

    [Fact]
    public void Next_IdleForTwiceTheCap_StartsOver()
    {
        var time = new ManualTimeProvider();
        var backoff = new RestartBackoff(time);
        backoff.Next("k");
        backoff.Next("k");
        time.Advance(TimeSpan.FromMinutes(11));

        backoff.Next("k");

        backoff.IsInBackOff("k", time.GetUtcNow(), out var delay, out _);
        Assert.Equal(TimeSpan.FromSeconds(10), delay);
    }

    [Fact]
    public void Message_UpstreamShape()
    {
        Assert.Equal("back-off 5m0s restarting failed container=app pod=web_default(u-1)",
            RestartBackoff.Message(TimeSpan.FromMinutes(5), "app", "web", "default", "u-1"));
    }
}
