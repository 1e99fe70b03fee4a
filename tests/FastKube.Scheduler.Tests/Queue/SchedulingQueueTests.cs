using FastKube.Scheduler.Framework;
using FastKube.Scheduler.Queue;

namespace FastKube.Scheduler.Tests.Queue;

public sealed class SchedulingQueueTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly SchedulingQueue _queue;

    public SchedulingQueueTests() => _queue = new SchedulingQueue(_time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    private QueuedPod Add(string name, int priority = 0)
    {
        var pod = new QueuedPod(name, Objects.Pod(name), priority, _time.GetUtcNow());
        _queue.Add(pod);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return pod;
    }

    [Fact]
    public void Pop_MixedPriorities_HigherFirstThenOlder()
    {
        Add("old-low", 0);
        Add("mid", 5);
        Add("new-high", 10);
        Add("newer-low", 0);

        var order = new[] { _queue.Pop(), _queue.Pop(), _queue.Pop(), _queue.Pop() }.Select(p => p!.Key);

        Assert.Equal(["new-high", "mid", "old-low", "newer-low"], order);
        Assert.Null(_queue.Pop());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(12, 10)]
    public void BackoffExpiry_Attempts_DoublesFromOneSecondCappedAtTen(int attempts, int seconds)
    {
        var pod = new QueuedPod("p", Objects.Pod("p"), 0, _time.GetUtcNow()) { Attempts = attempts };

        Assert.Equal(pod.Timestamp + TimeSpan.FromSeconds(seconds), _queue.BackoffExpiry(pod));
    }

    [Fact]
    public void AddUnschedulable_IrrelevantEvent_StaysInPool()
    {
        Add("p");
        var pod = _queue.Pop()!;
        _queue.AddUnschedulable(pod, ClusterEvents.NodeAdd | ClusterEvents.NodeTaintChange, error: false, _queue.SchedulingCycle);

        _queue.OnClusterEvent(ClusterEvents.AssignedPodDelete);

        Assert.Equal(1, _queue.UnschedulableCount);
    }

    [Fact]
    public void AddUnschedulable_RelevantEventAfterBackoff_MovesToActive()
    {
        Add("p");
        var pod = _queue.Pop()!;
        _queue.AddUnschedulable(pod, ClusterEvents.NodeAdd, error: false, _queue.SchedulingCycle);
        _time.Advance(TimeSpan.FromSeconds(2));

        _queue.OnClusterEvent(ClusterEvents.NodeAdd);

        Assert.Equal(0, _queue.UnschedulableCount);
        Assert.Same(pod, _queue.Pop());
    }

    [Fact]
    public void AddUnschedulable_RelevantEventDuringBackoff_WaitsInBackoffQueue()
    {
        Add("p");
        var pod = _queue.Pop()!;
        _queue.AddUnschedulable(pod, ClusterEvents.NodeAdd, error: false, _queue.SchedulingCycle);

        _queue.OnClusterEvent(ClusterEvents.NodeAdd);
        _queue.Flush();
        Assert.Equal(1, _queue.BackoffCount);
        Assert.Null(_queue.Pop());

        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Flush();
        Assert.Same(pod, _queue.Pop());
    }

    [Fact]
    public void AddUnschedulable_EventArrivedDuringCycle_GoesToBackoffNotPool()
    {
        Add("p");
        var pod = _queue.Pop()!;
        var cycle = _queue.SchedulingCycle;
        _queue.OnClusterEvent(ClusterEvents.NodeAdd);

        _queue.AddUnschedulable(pod, ClusterEvents.NodeAdd, error: false, cycle);

        Assert.Equal(0, _queue.UnschedulableCount);
        Assert.Equal(1, _queue.BackoffCount);
    }

    [Fact]
    public void Flush_UnschedulableForFiveMinutes_Retried()
    {
        Add("p");
        var pod = _queue.Pop()!;
        _queue.AddUnschedulable(pod, ClusterEvents.NodeAdd, error: false, _queue.SchedulingCycle);

        _time.Advance(TimeSpan.FromMinutes(4));
        _queue.Flush();
        Assert.Equal(1, _queue.UnschedulableCount);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(30));
        _queue.Flush();
        Assert.Same(pod, _queue.Pop());
    }

    [Fact]
    public void AddUnschedulable_Error_BacksOffThenRetries()
    {
        Add("p");
        var pod = _queue.Pop()!;
        _queue.AddUnschedulable(pod, ClusterEvents.None, error: true, _queue.SchedulingCycle);

        _queue.Flush();
        Assert.Null(_queue.Pop());
        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Flush();

        Assert.Same(pod, _queue.Pop());
    }

    [Fact]
    public void Delete_QueuedPod_NeverPopped()
    {
        Add("a");
        Add("b");

        _queue.Delete("a");

        Assert.Equal("b", _queue.Pop()!.Key);
        Assert.Null(_queue.Pop());
        Assert.Equal(0, _queue.ActiveCount);
    }
}
