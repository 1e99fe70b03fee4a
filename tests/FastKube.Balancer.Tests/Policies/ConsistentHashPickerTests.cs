using FastKube.Balancer.Configuration;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Policies;

public sealed class ConsistentHashPickerTests
{
    private static Frontend Hashing(int backends, int[]? weights = null) =>
        Frontends.Create(backends, c => c with { Policy = BalancePolicy.ConsistentHash }, weights: weights);

    [Fact]
    public void Select_SameClient_AlwaysSameBackend()
    {
        var frontend = Hashing(5);

        Assert.Single(Frontends.Distribution(frontend, 100, sameClient: true), c => c > 0);
    }

    [Fact]
    public void Select_ManyClients_SpreadsAcrossBackends()
    {
        var counts = Frontends.Distribution(Hashing(4), 4000);

        Assert.All(counts, c => Assert.InRange(c, 700, 1300));
    }

    [Fact]
    public void Select_BackendRemoved_MovesOnlyItsClients()
    {
        var before = Hashing(5);
        var after = Frontends.Create(5, c => c with { Policy = BalancePolicy.ConsistentHash, Backends = c.Backends.Take(4).ToList() });

        for (var i = 0; i < 2000; i++)
        {
            var old = before.Select(Frontends.Client(i), []);
            var now = after.Select(Frontends.Client(i), []);
            if (old != 4)
            {
                Assert.Equal(old, now);
            }
        }
    }

    [Fact]
    public void Select_Weights_ShareInProportion()
    {
        var counts = Frontends.Distribution(Hashing(2, [1, 3]), 4000);

        Assert.InRange(counts[1] / (double)counts[0], 2.4, 3.6);
    }

    [Fact]
    public void Select_OwnerTried_FallsToAnotherBackend()
    {
        var frontend = Hashing(3);
        var first = frontend.Select(Frontends.Client(9), []);

        var second = frontend.Select(Frontends.Client(9), [first]);

        Assert.NotEqual(first, second);
        Assert.InRange(second, 0, 2);
    }
}
