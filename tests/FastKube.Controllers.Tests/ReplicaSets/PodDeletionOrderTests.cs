using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Controllers.ReplicaSets;

namespace FastKube.Controllers.Tests.ReplicaSets;

public sealed class PodDeletionOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Pod Pod(string name, string? node = "n1", string phase = PodPhases.Running, bool ready = true, TimeSpan? age = null, int restarts = 0, string? cost = null, TimeSpan? readyFor = null)
    {
        var created = Now - (age ?? TimeSpan.FromHours(1));
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Uid = name,
                CreationTimestamp = created,
                Annotations = cost is null ? null : new() { [PodDeletionOrder.DeletionCostAnnotation] = cost },
            },
            Spec = new PodSpec { NodeName = node },
            Status = new PodStatus
            {
                Phase = phase,
                Conditions = [new PodCondition { Type = PodConditionTypes.Ready, Status = ready ? "True" : "False", LastTransitionTime = Now - (readyFor ?? TimeSpan.FromMinutes(30)) }],
                ContainerStatuses = [new ContainerStatus { Name = "c", RestartCount = restarts }],
            },
        };
    }

    private static string[] Order(params Pod[] pods) => [.. PodDeletionOrder.Sort(pods, pods, Now).Select(p => p.Metadata!.Name!)];

    [Fact]
    public void Sort_UnassignedBeforePendingBeforeNotReadyBeforeReady()
    {
        Assert.Equal(["unassigned", "pending", "notready", "ready"], Order(
            Pod("ready"), Pod("notready", ready: false), Pod("pending", phase: PodPhases.Pending, ready: false), Pod("unassigned", node: null, phase: PodPhases.Pending, ready: false)));
    }

    [Fact]
    public void Sort_LowerDeletionCostFirst()
    {
        Assert.Equal(["cheap", "default", "dear"], Order(Pod("dear", cost: "100"), Pod("default"), Pod("cheap", cost: "-5")));
    }

    [Fact]
    public void Sort_PodOnCrowdedNodeFirst()
    {
        var pods = new[] { Pod("alone", node: "n1"), Pod("crowded-a", node: "n2"), Pod("crowded-b", node: "n2") };

        Assert.Equal("alone", PodDeletionOrder.Sort(pods, pods, Now).Last().Metadata!.Name);
    }

    [Fact]
    public void Sort_ReadyForShorterTimeFirstWhenInDifferentLogBuckets()
    {
        Assert.Equal(["fresh", "seasoned"], Order(Pod("seasoned", readyFor: TimeSpan.FromHours(5)), Pod("fresh", readyFor: TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public void Sort_MoreRestartsFirstThenNewerFirst()
    {
        Assert.Equal(["flaky", "new", "old"], Order(Pod("old", age: TimeSpan.FromDays(3)), Pod("new", age: TimeSpan.FromMinutes(1)), Pod("flaky", age: TimeSpan.FromDays(3), restarts: 4)));
    }

    [Fact]
    public void Sort_AgesInTheSameLogBucket_TieBreakOnUid()
    {
        // 60 s and 61 s share a log2 bucket of nanoseconds (2^35 ns is about 34 s, 2^36 about 69 s).
        Assert.Equal(["a", "b"], Order(Pod("b", age: TimeSpan.FromSeconds(60)), Pod("a", age: TimeSpan.FromSeconds(61))));
    }
}
