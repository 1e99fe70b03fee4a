using FastKube.Api.Core;
using FastKube.Api.Defaulting;

namespace FastKube.Api.Tests.Defaulting;

public sealed class DefaultTolerationSecondsTests
{
    [Fact]
    public void Apply_PodWithoutTolerations_TolerateNotReadyAndUnreachableFor300Seconds()
    {
        var pod = new Pod { Spec = new PodSpec() };

        DefaultTolerationSeconds.Apply(pod);

        Assert.Equal(
            [(Tolerations.NotReadyTaint, "Exists", "NoExecute", 300L), (Tolerations.UnreachableTaint, "Exists", "NoExecute", 300L)],
            pod.Spec!.Tolerations!.Select(t => (t.Key!, t.Operator!, t.Effect!, t.TolerationSeconds!.Value)));
    }

    [Fact]
    public void Apply_PodsOwnToleration_IsKept()
    {
        var pod = new Pod { Spec = new PodSpec { Tolerations = [new Toleration { Key = Tolerations.UnreachableTaint, Operator = "Exists", TolerationSeconds = 10 }] } };

        DefaultTolerationSeconds.Apply(pod);

        Assert.Equal([10L, 300L], pod.Spec!.Tolerations!.Select(t => t.TolerationSeconds!.Value));
        Assert.Equal(Tolerations.NotReadyTaint, pod.Spec.Tolerations![1].Key);
    }
}
