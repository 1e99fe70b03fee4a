using FastKube.Api.Meta;
using FastKube.Api.Scheduling;

namespace FastKube.Scheduler.Tests.EndToEnd;

/// <summary>The run loop, informer-style updates and priority classes.</summary>
public sealed class SchedulerLoopTests
{
    [Fact]
    public async Task RunAsync_PodsArriveWhileRunning_AllBoundThenStopsOnCancel()
    {
        var binder = new MemoryBinder();
        var scheduler = Scheduler.Create(FastKube.Scheduler.Config.SchedulerConfiguration.Default, binder, new RecordingEvents());
        scheduler.AddNode(Objects.Node("a"));
        using var cancel = new CancellationTokenSource();
        var loop = scheduler.RunAsync(cancel.Token);

        for (var i = 0; i < 20; i++)
        {
            scheduler.AddPod(Objects.Pod($"p{i}"));
        }

        // Generous bound for a loaded machine; the loop wakes on each add, not on a timer.
        for (var wait = 0; wait < 600 && binder.Bound.Count < 20; wait++)
        {
            await Task.Delay(100);
        }

        await cancel.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(20, binder.Bound.Count);
    }

    [Fact]
    public void UpdateNode_LabelAdded_UnschedulablePodRetried()
    {
        var harness = new Harness().Nodes(Objects.Node("a"));
        harness.Schedule(Objects.Pod("p", mutate: p => p.Spec!.NodeSelector = new() { ["disk"] = "ssd" }));
        Assert.Equal("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", harness.LastFailure("p"));

        harness.Scheduler.UpdateNode(Objects.Node("a").WithLabel("disk", "ssd"));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.RunCycles();

        Assert.Equal("a", harness.Binder.Bound["p"]);
    }

    [Fact]
    public void UpdateNode_IrrelevantChange_PodStaysUnschedulable()
    {
        var harness = new Harness().Nodes(Objects.Node("a"));
        harness.Schedule(Objects.Pod("p", mutate: p => p.Spec!.NodeSelector = new() { ["disk"] = "ssd" }));

        harness.Scheduler.UpdateNode(Objects.Node("a", cpu: "8"));
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, harness.RunCycles());
        Assert.Equal(1, harness.Scheduler.Stats.Unschedulable);
    }

    [Fact]
    public void AddPod_PriorityClassName_OrdersQueueByClassValue()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"));
        harness.Scheduler.SetPriorityClass(new PriorityClass { Metadata = new ObjectMeta { Name = "high" }, Value = 1000 });

        harness.Schedule(Objects.Pod("first-low", cpu: "800m"), Objects.Pod("second-high", cpu: "800m", mutate: p => p.Spec!.PriorityClassName = "high"));

        Assert.Equal("a", harness.Binder.Bound["second-high"]);
        Assert.False(harness.Binder.Bound.ContainsKey("first-low"));
    }

    [Fact]
    public void UpdatePod_BoundByInformer_ConfirmsAssumedPodWithoutDoubleCounting()
    {
        var harness = new Harness().Nodes(Objects.Node("a", cpu: "1"));
        var pod = Objects.Pod("p", cpu: "600m");
        harness.Schedule(pod);

        harness.Scheduler.UpdatePod(Objects.Pod("p", cpu: "600m").OnNode("a"));
        var placed = harness.Schedule(Objects.Pod("q", cpu: "600m"));

        Assert.False(placed.ContainsKey("q"));
        Assert.Equal(1, harness.Scheduler.Stats.Pods);
    }
}
