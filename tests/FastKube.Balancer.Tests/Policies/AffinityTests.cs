using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Policies;

public sealed class AffinityTests
{
    [Fact]
    public void Select_ClientIpAffinity_ReturnsClientToItsBackend()
    {
        var frontend = Frontends.Create(3, c => c with { AffinityTimeout = TimeSpan.FromMinutes(1) });

        Assert.Single(Frontends.Distribution(frontend, 30, sameClient: true), c => c > 0);
    }

    [Fact]
    public void Select_AffinityTimedOut_PicksAgain()
    {
        var clock = new ManualClock();
        var frontend = Frontends.Create(3, c => c with { AffinityTimeout = TimeSpan.FromMinutes(1) }, clock);
        var first = frontend.Select(Frontends.Client(1), []);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(first, frontend.Select(Frontends.Client(1), []));

        // Each use refreshes the entry; a full minute away ends it, and round robin moves on.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEqual(first, frontend.Select(Frontends.Client(1), []));
    }

    [Fact]
    public void ExpireAffinity_IdleEntries_AreForgotten()
    {
        var clock = new ManualClock();
        var frontend = Frontends.Create(2, c => c with { AffinityTimeout = TimeSpan.FromMinutes(1) }, clock);
        frontend.Select(Frontends.Client(1), []);
        clock.Advance(TimeSpan.FromSeconds(30));
        frontend.Select(Frontends.Client(2), []);

        clock.Advance(TimeSpan.FromSeconds(40));
        frontend.State.ExpireAffinity(clock.GetTimestamp(), frontend.AffinityTicks);

        Assert.Equal([Frontends.Client(2)], frontend.State.Affinity.Keys);
    }

    [Fact]
    public void Select_StickyBackendEjected_PicksAnother()
    {
        var clock = new ManualClock();
        var frontend = Frontends.Create(2, c => c with
        {
            AffinityTimeout = TimeSpan.FromMinutes(1),
            Health = new Configuration.HealthOptions(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)),
        }, clock);
        var first = frontend.Select(Frontends.Client(1), []);

        frontend.Backends[first].ConnectFailed(clock.GetTimestamp(), frontend.Config.Health, frontend.Clock);

        Assert.NotEqual(first, frontend.Select(Frontends.Client(1), []));
    }
}
