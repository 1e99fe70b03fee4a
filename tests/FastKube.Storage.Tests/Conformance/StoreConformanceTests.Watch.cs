namespace FastKube.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Watch_FromOldRevisionDuringWrites_DeliversHistoryThenLiveWithoutGapOrDuplicate()
    {
        var store = NewStore();
        for (var i = 0; i < 600; i++)
        {
            await PutAsync(store, $"/w/{i}", "h");
        }

        await using var watch = await WatchAsync(store, KeyRange.Prefix("/w/"), 10);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                await store.UpdateAsync($"/w/{i}", Bytes("live"), 0);
            }
        });

        var events = await TakeAsync(watch, 601 - 10 + 1 + 400);
        await writer;

        Assert.Equal(Enumerable.Range(10, events.Count).Select(i => (long)i), events.Select(e => e.Revision));
        Assert.All(events.Take(592), e => Assert.Equal(WatchEventType.Created, e.Type));
        Assert.All(events.Skip(592), e => Assert.Equal(WatchEventType.Updated, e.Type));
        Assert.False(watch.Events.TryRead(out _));
    }

    [Fact]
    public async Task Watch_UpdateAndDelete_CarryPreviousValue()
    {
        var store = NewStore();
        await using var watch = await WatchAsync(store, KeyRange.Prefix("/"), 0);
        var created = await PutAsync(store, "/k", "v1");
        await store.UpdateAsync("/k", Bytes("v2"), created);
        await store.DeleteAsync("/k", 0);

        var events = await TakeAsync(watch, 3);

        Assert.Equal(WatchEventType.Created, events[0].Type);
        Assert.Null(events[0].PrevKv);
        Assert.Equal("v1", Text(events[0].Kv));
        Assert.Equal(WatchEventType.Updated, events[1].Type);
        Assert.Equal(("v2", "v1"), (Text(events[1].Kv), Text(events[1].PrevKv)));
        Assert.Equal(new KeyValue("/k", events[1].Kv.Value, 2, 3, 2), events[1].Kv);
        Assert.Equal(WatchEventType.Deleted, events[2].Type);
        Assert.Equal(4, events[2].Revision);
        Assert.Equal("v2", Text(events[2].Kv));
        Assert.Equal(3, events[2].Kv.ModRevision);
        Assert.Equal("v2", Text(events[2].PrevKv));
    }

    [Fact]
    public async Task Watch_DeleteReplayedFromHistory_CarriesPreviousValue()
    {
        var store = NewStore();
        var created = await PutAsync(store, "/k", "v1");
        await store.UpdateAsync("/k", Bytes("v2"), created);
        await store.DeleteAsync("/k", 0);

        await using var watch = await WatchAsync(store, KeyRange.Single("/k"), created);
        var events = await TakeAsync(watch, 3);

        Assert.Equal([WatchEventType.Created, WatchEventType.Updated, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("v1", Text(events[1].PrevKv));
        Assert.Equal("v2", Text(events[2].PrevKv));
        Assert.Equal(3, events[2].PrevKv!.ModRevision);
    }

    [Fact]
    public async Task Watch_Prefix_SkipsOtherKeys()
    {
        var store = NewStore();
        await using var watch = await WatchAsync(store, KeyRange.Prefix("/pods/"), 0);
        await PutAsync(store, "/pods", "no");
        await PutAsync(store, "/services/x", "no");
        await PutAsync(store, "/pods/a", "yes");
        await PutAsync(store, "/pods0", "no");
        await PutAsync(store, "/pods/b", "yes");

        var events = await TakeAsync(watch, 2);

        Assert.Equal(["/pods/a", "/pods/b"], events.Select(e => e.Kv.Key));
        Assert.Equal([4L, 6L], events.Select(e => e.Revision));
    }

    [Fact]
    public async Task Watch_FromZero_StartsAfterCurrentRevision()
    {
        var store = NewStore();
        await PutAsync(store, "/old", "x");
        await using var watch = await WatchAsync(store, KeyRange.Prefix("/"), 0);
        await PutAsync(store, "/new", "y");

        var events = await TakeAsync(watch, 1);

        Assert.Equal("/new", events[0].Kv.Key);
        Assert.Equal(watch.StartRevision, events[0].Revision);
    }

    [Fact]
    public async Task Watch_FutureRevision_WaitsForIt()
    {
        var store = NewStore();
        await using var watch = await WatchAsync(store, KeyRange.Prefix("/"), 4);
        await PutAsync(store, "/a", "2");
        await PutAsync(store, "/b", "3");
        await PutAsync(store, "/c", "4");

        var events = await TakeAsync(watch, 1);

        Assert.Equal(4, events[0].Revision);
    }

    [Fact]
    public async Task Watch_Disposed_EndsCancelled()
    {
        var store = NewStore();
        var watch = await WatchAsync(store, KeyRange.Prefix("/"), 0);

        await watch.DisposeAsync();
        await PutAsync(store, "/a", "x");

        Assert.Empty(await DrainAsync(watch));
        Assert.Equal(WatchEnd.Cancelled, watch.End);
    }

    [Fact]
    public async Task Watch_SlowWatcher_EndsTooSlowWithoutBlockingWriters()
    {
        var store = NewStore(watchCapacity: 8);
        var slow = await WatchAsync(store, KeyRange.Prefix("/"), 0);

        for (var i = 0; i < 100; i++)
        {
            // Each write completes although the watcher reads nothing.
            Assert.Equal(StoreStatus.Ok, (await store.CreateAsync($"/k/{i}", Bytes("v"))).Status);
        }

        var delivered = await DrainAsync(slow);

        Assert.Equal(WatchEnd.TooSlow, slow.End);
        Assert.InRange(delivered.Count, 8, 99);
        Assert.Equal(Enumerable.Range(2, delivered.Count).Select(i => (long)i), delivered.Select(e => e.Revision));

        // The watcher resumes from the revision after the last one it saw and misses nothing.
        await using var resumed = await WatchAsync(store, KeyRange.Prefix("/"), delivered[^1].Revision + 1);
        var rest = await TakeAsync(resumed, 100 - delivered.Count);
        Assert.Equal(101, rest[^1].Revision);
        Assert.Equal(101, store.CurrentRevision);
    }

    [Fact]
    public async Task Watch_InvalidArguments_ReturnErrors()
    {
        var store = NewStore();

        Assert.Equal(StoreStatus.InvalidArgument, (await store.WatchAsync(KeyRange.Prefix("/"), -1)).Status);
    }

    [Fact]
    public async Task Watch_StoreDisposed_EndsStoreClosed()
    {
        var store = CreateStore(16);
        var watch = await WatchAsync(store, KeyRange.Prefix("/"), 0);

        await store.DisposeAsync();

        Assert.Empty(await DrainAsync(watch));
        Assert.Equal(WatchEnd.StoreClosed, watch.End);
    }
}
