using FastKube.Balancer.Configuration;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Policies;

public sealed class PowerOfTwoPickerTests
{
    [Fact]
    public void Select_TwoBackends_AlwaysPicksLessLoaded()
    {
        var frontend = Frontends.Create(2, c => c with { Policy = BalancePolicy.PowerOfTwoChoices });
        frontend.Backends[0].Active = 10;

        Assert.Equal([0, 50], Frontends.Distribution(frontend, 50));
    }

    [Fact]
    public void Select_PicksAddLoad_SpreadsEvenly()
    {
        var frontend = Frontends.Create(4, c => c with { Policy = BalancePolicy.PowerOfTwoChoices });

        for (var i = 0; i < 400; i++)
        {
            Interlocked.Increment(ref frontend.Backends[frontend.Select(Frontends.Client(i), [])].Active);
        }

        // Two choices keep the maximum load close to the mean (100), far tighter than random placement.
        Assert.All(frontend.Backends, b => Assert.InRange(b.Active, 95, 105));
    }

    [Fact]
    public void Select_Weights_DrawInProportionWhenIdle()
    {
        var frontend = Frontends.Create(2, c => c with { Policy = BalancePolicy.PowerOfTwoChoices }, weights: [1, 9]);

        var counts = Frontends.Distribution(frontend, 2000);

        // Two idle backends tie, so the first draw wins: P(backend 1) = 0.9, with a fixed seed.
        Assert.InRange(counts[1], 1700, 1900);
    }
}
