using FastKube.Api.Core;
using FastKube.Cri.V1;
using FastKube.NodeAgent.Nodes;

namespace FastKube.NodeAgent.Tests.Nodes;

public sealed class NodeConditionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_RuntimeReady_KubeletReadyAndNoPressure()
    {
        var conditions = NodeConditions.Compute(Runtime(true, true), default, null, Now);

        var ready = conditions.Single(c => c.Type == NodeConditionTypes.Ready);
        Assert.Equal(("True", "KubeletReady", "kubelet is posting ready status"), (ready.Status, ready.Reason, ready.Message));
        Assert.Equal("KubeletHasSufficientMemory", conditions.Single(c => c.Type == NodeConditionTypes.MemoryPressure).Reason);
        Assert.Equal("KubeletHasNoDiskPressure", conditions.Single(c => c.Type == NodeConditionTypes.DiskPressure).Reason);
        Assert.Equal("KubeletHasSufficientPID", conditions.Single(c => c.Type == NodeConditionTypes.PIDPressure).Reason);
        Assert.All(conditions, c => Assert.Equal(Now, c.LastHeartbeatTime));
    }

    [Fact]
    public void Compute_NetworkNotReady_UpstreamMessage()
    {
        var conditions = NodeConditions.Compute(Runtime(true, false), default, null, Now);

        var ready = conditions.Single(c => c.Type == NodeConditionTypes.Ready);
        Assert.Equal("False", ready.Status);
        Assert.Equal("KubeletNotReady", ready.Reason);
        Assert.Equal("container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:cni plugin not initialized", ready.Message);
    }

    [Fact]
    public void Compute_LaterHeartbeat_KeepsTransitionTimeAndIsUnchanged()
    {
        var first = NodeConditions.Compute(Runtime(true, true), default, null, Now);
        var second = NodeConditions.Compute(Runtime(true, true), default, first, Now.AddSeconds(10));

        Assert.False(NodeConditions.Changed(first, second));
        Assert.All(second, c => Assert.Equal(Now, c.LastTransitionTime));
        Assert.All(second, c => Assert.Equal(Now.AddSeconds(10), c.LastHeartbeatTime));

        var pressured = NodeConditions.Compute(Runtime(true, true), new NodeConditions.Pressure(true, false, false), second, Now.AddSeconds(20));
        Assert.True(NodeConditions.Changed(second, pressured));
        Assert.Equal(Now.AddSeconds(20), pressured.Single(c => c.Type == NodeConditionTypes.MemoryPressure).LastTransitionTime);
    }

    private static RuntimeStatus Runtime(bool runtimeReady, bool networkReady) => new()
    {
        Conditions =
        {
            new RuntimeCondition { Type = "RuntimeReady", Status = runtimeReady },
            new RuntimeCondition { Type = "NetworkReady", Status = networkReady, Reason = networkReady ? "" : "NetworkPluginNotReady", Message = networkReady ? "" : "cni plugin not initialized" },
        },
    };
}
