using FastKube.Client.Testing;
using FastKube.Client.WorkQueues;

namespace FastKube.Client.Tests.WorkQueues;

public sealed class WorkQueueTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task Add_SameKeyTwiceBeforeGet_HandedOutOnce()
    {
        using var queue = new WorkQueue<string>(time: _time);
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        var first = await queue.GetAsync();
        var second = await queue.GetAsync();

        Assert.Equal(("a", false), first);
        Assert.Equal(("b", false), second);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_WhileProcessing_HandedOutAgainOnlyAfterDone()
    {
        using var queue = new WorkQueue<string>(time: _time);
        queue.Add("a");
        var (item, _) = await queue.GetAsync();

        queue.Add("a");
        var waiting = queue.GetAsync();
        Assert.False(waiting.IsCompleted, "a key being processed is not handed to a second worker");

        queue.Done(item);
        Assert.Equal(("a", false), await waiting);
    }

    [Fact]
    public async Task GetAsync_EmptyQueue_CompletesWhenAdded()
    {
        using var queue = new WorkQueue<string>(time: _time);
        var waiting = queue.GetAsync();

        queue.Add("x");

        Assert.Equal(("x", false), await waiting);
    }

    [Fact]
    public async Task GetAsync_Cancelled_DoesNotSwallowTheNextItem()
    {
        using var queue = new WorkQueue<string>(time: _time);
        using var cancel = new CancellationTokenSource();
        var abandoned = queue.GetAsync(cancel.Token);
        await cancel.CancelAsync();

        queue.Add("x");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(("x", false), await queue.GetAsync());
    }

    [Fact]
    public async Task AddAfter_BeforeDelay_NotReadyThenReady()
    {
        using var queue = new WorkQueue<string>(time: _time);
        queue.AddAfter("late", TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
        Assert.Equal(("late", false), await queue.GetAsync());
    }

    [Fact]
    public void AddAfter_AlreadyWaiting_KeepsTheEarlierTime()
    {
        using var queue = new WorkQueue<string>(time: _time);
        queue.AddAfter("k", TimeSpan.FromSeconds(1));
        queue.AddAfter("k", TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task AddRateLimited_RepeatedFailures_BackOffExponentiallyUntilForget()
    {
        using var queue = new WorkQueue<string>(new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)), _time);
        var readyAfter = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            queue.AddRateLimited("k");
            var waited = 0;
            while (queue.Count == 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
                waited++;
            }

            readyAfter.Add(waited);
            var (item, _) = await queue.GetAsync();
            queue.Done(item);
        }

        Assert.Equal([5, 10, 20, 40], readyAfter);
        Assert.Equal(4, queue.NumRequeues("k"));
        queue.Forget("k");
        Assert.Equal(0, queue.NumRequeues("k"));
    }

    [Fact]
    public async Task ShutDown_WithReadyItems_DrainsThenReportsShutdown()
    {
        var queue = new WorkQueue<string>(time: _time);
        queue.Add("a");
        queue.AddAfter("never", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        queue.Add("ignored");

        Assert.Equal(("a", false), await queue.GetAsync());
        Assert.True((await queue.GetAsync()).Shutdown);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task ShutDown_WorkerWaiting_ReleasedWithShutdown()
    {
        var queue = new WorkQueue<string>(time: _time);
        var waiting = queue.GetAsync();

        queue.ShutDown();

        Assert.True((await waiting).Shutdown);
    }
}
