using FastKube.Balancer.Configuration;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Policies;

public sealed class LeastConnectionsPickerTests
{
    [Fact]
    public void Select_UnevenLoad_PicksFewestActive()
    {
        var frontend = Frontends.Create(3, c => c with { Policy = BalancePolicy.LeastConnections });
        frontend.Backends[0].Active = 5;
        frontend.Backends[1].Active = 2;
        frontend.Backends[2].Active = 9;

        Assert.Equal(1, frontend.Select(Frontends.Client(1), []));
    }

    [Fact]
    public void Select_Weights_ComparesActivePerWeight()
    {
        var frontend = Frontends.Create(2, c => c with { Policy = BalancePolicy.LeastConnections }, weights: [1, 4]);
        frontend.Backends[0].Active = 2;
        frontend.Backends[1].Active = 6;

        // 6/4 < 2/1.
        Assert.Equal(1, frontend.Select(Frontends.Client(1), []));
    }

    [Fact]
    public void Select_Ties_RotateAcrossBackends()
    {
        var frontend = Frontends.Create(3, c => c with { Policy = BalancePolicy.LeastConnections });

        Assert.Equal([2, 2, 2], Frontends.Distribution(frontend, 6));
    }
}
