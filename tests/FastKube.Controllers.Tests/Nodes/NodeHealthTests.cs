using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.Nodes;

namespace FastKube.Controllers.Tests.Nodes;

public sealed class NodeHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Node Node(string ready, TimeSpan heartbeatAge, params Taint[] taints) => new()
    {
        Metadata = new ObjectMeta { Name = "n1", CreationTimestamp = Now.AddHours(-1) },
        Spec = new NodeSpec { Taints = [.. taints] },
        Status = new NodeStatus
        {
            Conditions =
            [
                new NodeCondition { Type = NodeConditionTypes.Ready, Status = ready, LastHeartbeatTime = Now - heartbeatAge, LastTransitionTime = Now.AddHours(-1) },
                new NodeCondition { Type = NodeConditionTypes.MemoryPressure, Status = "False", LastHeartbeatTime = Now - heartbeatAge },
            ],
        },
    };

    [Fact]
    public void Reconcile_LeaseRenewedRecently_ReadyNodeIsLeftAlone()
    {
        Assert.Null(NodeHealth.Reconcile(Node("True", TimeSpan.FromMinutes(5)), Now.AddSeconds(-5), Now, NodeHealth.DefaultGracePeriod));
    }

    [Fact]
    public void Reconcile_SilentPastGracePeriod_ConditionsUnknownAndUnreachableTaints()
    {
        var node = Node("True", TimeSpan.FromMinutes(5));

        var updated = NodeHealth.Reconcile(node, Now.AddSeconds(-51), Now, NodeHealth.DefaultGracePeriod)!;

        var ready = updated.Status!.Conditions!.Single(c => c.Type == NodeConditionTypes.Ready);
        Assert.Equal(("Unknown", "NodeStatusUnknown", Now), (ready.Status, ready.Reason, ready.LastTransitionTime));
        Assert.All(updated.Status.Conditions!.Where(c => c.Type != NodeConditionTypes.Ready), c => Assert.Equal("Unknown", c.Status));
        Assert.Equal([("node.kubernetes.io/unreachable", "NoSchedule"), ("node.kubernetes.io/unreachable", "NoExecute")], updated.Spec!.Taints!.Select(t => (t.Key!, t.Effect!)));
        Assert.Equal(Now, updated.Spec.Taints![1].TimeAdded);
        Assert.Equal("True", node.Status!.Conditions![0].Status);
    }

    [Fact]
    public void Reconcile_NodeReportsNotReady_GetsNotReadyTaintsInsteadOfUnreachable()
    {
        var updated = NodeHealth.Reconcile(Node("False", TimeSpan.FromSeconds(2), new Taint { Key = Tolerations.UnreachableTaint, Effect = "NoExecute" }, new Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }), Now, Now, NodeHealth.DefaultGracePeriod)!;

        Assert.Equal(["dedicated", Tolerations.NotReadyTaint, Tolerations.NotReadyTaint], updated.Spec!.Taints!.Select(t => t.Key));
    }

    [Fact]
    public void Reconcile_NodeRecovers_TaintsAreRemoved()
    {
        var updated = NodeHealth.Reconcile(Node("True", TimeSpan.FromSeconds(1), new Taint { Key = Tolerations.UnreachableTaint, Effect = "NoExecute" }, new Taint { Key = Tolerations.UnreachableTaint, Effect = "NoSchedule" }), Now, Now, NodeHealth.DefaultGracePeriod)!;

        Assert.Empty(updated.Spec!.Taints!);
    }

    [Fact]
    public void Reconcile_NeverReportedReady_GetsNoTaintsWithinTheGracePeriod()
    {
        var node = new Node { Metadata = new ObjectMeta { Name = "new", CreationTimestamp = Now.AddSeconds(-10) } };

        Assert.Null(NodeHealth.Reconcile(node, null, Now, NodeHealth.DefaultGracePeriod));
    }

    [Fact]
    public void Reconcile_PressureConditionsAndUnschedulable_BecomeNoScheduleTaints()
    {
        var node = Node("True", TimeSpan.FromSeconds(1), new Taint { Key = NodeHealth.PidPressureTaint, Effect = "NoSchedule" });
        node.Spec!.Unschedulable = true;
        node.Status!.Conditions![1].Status = "True";

        var updated = NodeHealth.Reconcile(node, Now, Now, NodeHealth.DefaultGracePeriod)!;

        Assert.Equal([(NodeHealth.MemoryPressureTaint, "NoSchedule"), (NodeHealth.UnschedulableTaint, "NoSchedule")], updated.Spec!.Taints!.Select(t => (t.Key!, t.Effect!)));
    }
}
