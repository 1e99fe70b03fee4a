using FastKube.Api.Core;
using FastKube.Controllers.Nodes;

namespace FastKube.Controllers.Tests.Nodes;

public sealed class TaintEvictionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Taint Unreachable = new() { Key = Tolerations.UnreachableTaint, Effect = "NoExecute", TimeAdded = Now.AddSeconds(-100) };

    private static Pod Pod(params Toleration[] tolerations) => new() { Spec = new PodSpec { Tolerations = [.. tolerations] } };

    [Fact]
    public void EvictAt_NoToleration_Now()
    {
        Assert.Equal(Now, TaintEviction.EvictAt(Pod(), [Unreachable], Now));
    }

    [Fact]
    public void EvictAt_TolerationSeconds_CountFromTheTaint()
    {
        var pod = Pod(new Toleration { Key = Tolerations.UnreachableTaint, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 });

        Assert.Equal(Now.AddSeconds(200), TaintEviction.EvictAt(pod, [Unreachable], Now));
    }

    [Fact]
    public void EvictAt_ToleratedForever_Never()
    {
        Assert.Null(TaintEviction.EvictAt(Pod(new Toleration { Operator = "Exists" }), [Unreachable], Now));
    }

    [Fact]
    public void EvictAt_NoScheduleTaintsOnly_Never()
    {
        Assert.Null(TaintEviction.EvictAt(Pod(), [new Taint { Key = "x", Effect = "NoSchedule" }], Now));
    }

    [Fact]
    public void EvictAt_ZeroSeconds_Now()
    {
        Assert.Equal(Now, TaintEviction.EvictAt(Pod(new Toleration { Key = Tolerations.UnreachableTaint, Operator = "Exists", TolerationSeconds = 0 }), [Unreachable], Now));
    }
}
