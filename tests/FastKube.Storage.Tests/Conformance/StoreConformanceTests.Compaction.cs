namespace FastKube.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    /// <summary>Writes a history: /a updated 3×, /b created then deleted, /c created. Returns the revision after /b's deletion.</summary>
    private static async Task<long> WriteHistoryAsync(IStore store)
    {
        var a = await PutAsync(store, "/a", "a1");            // 2
        var b = await PutAsync(store, "/b", "b1");            // 3
        a = (await store.UpdateAsync("/a", Bytes("a2"), a)).Revision; // 4
        await store.DeleteAsync("/b", b);                     // 5
        await store.UpdateAsync("/a", Bytes("a3"), a);        // 6
        await PutAsync(store, "/c", "c1");                    // 7
        return 5;
    }

    [Fact]
    public async Task Compact_ReadsBelowRevision_ReturnCompacted()
    {
        var store = NewStore();
        await WriteHistoryAsync(store);

        var result = await store.CompactAsync(5);

        Assert.Equal(new CompactResult(StoreStatus.Ok, 5, 7), result);
        Assert.Equal(5, store.CompactRevision);
        var get = await store.GetAsync("/a", 4);
        Assert.Equal(StoreStatus.Compacted, get.Status);
        Assert.Equal(5, get.CompactRevision);
        var range = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/"), Revision: 2));
        Assert.Equal(StoreStatus.Compacted, range.Status);
        Assert.Equal(5, range.CompactRevision);
        var watch = await store.WatchAsync(KeyRange.Prefix("/"), 4);
        Assert.Equal(StoreStatus.Compacted, watch.Status);
        Assert.Null(watch.Watch);
        Assert.Equal(5, watch.CompactRevision);
    }

    [Fact]
    public async Task Compact_ReadsAtAndAboveRevision_StillSeeSameData()
    {
        var store = NewStore();
        await WriteHistoryAsync(store);

        await store.CompactAsync(5);

        var atCompaction = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/"), Revision: 5));
        Assert.Equal(["a2"], atCompaction.Items.Select(Text));
        Assert.Equal(4, atCompaction.Items[0].ModRevision);
        Assert.Equal(StoreStatus.NotFound, (await store.GetAsync("/b", 5)).Status);
        var now = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/")));
        Assert.Equal(["a3", "c1"], now.Items.Select(Text));
        Assert.Equal(new KeyValue("/a", now.Items[0].Value, 2, 6, 3), now.Items[0]);
    }

    [Fact]
    public async Task Compact_WatchFromCompactRevision_ReplaysWithPreviousValues()
    {
        var store = NewStore();
        await WriteHistoryAsync(store);
        await store.CompactAsync(5);

        await using var watch = await WatchAsync(store, KeyRange.Prefix("/"), 5);
        var events = await TakeAsync(watch, 3);

        Assert.Equal([5L, 6L, 7L], events.Select(e => e.Revision));
        Assert.Equal(WatchEventType.Deleted, events[0].Type);
        Assert.Equal("b1", Text(events[0].PrevKv));
        Assert.Equal("a2", Text(events[1].PrevKv));
        Assert.Null(events[2].PrevKv);
    }

    [Fact]
    public async Task Compact_NotAboveCurrentCompaction_ReturnsCompacted()
    {
        var store = NewStore();
        await WriteHistoryAsync(store);
        await store.CompactAsync(5);

        Assert.Equal(StoreStatus.Compacted, (await store.CompactAsync(5)).Status);
        Assert.Equal(StoreStatus.Compacted, (await store.CompactAsync(3)).Status);
        Assert.Equal(5, store.CompactRevision);
    }

    [Fact]
    public async Task Compact_InvalidRevision_ReturnsErrorAndKeepsHistory()
    {
        var store = NewStore();
        await WriteHistoryAsync(store);

        Assert.Equal(StoreStatus.FutureRevision, (await store.CompactAsync(8)).Status);
        Assert.Equal(StoreStatus.InvalidArgument, (await store.CompactAsync(0)).Status);
        Assert.Equal(StoreStatus.InvalidArgument, (await store.CompactAsync(-2)).Status);
        Assert.Equal(0, store.CompactRevision);
        Assert.Equal("a1", Text((await store.GetAsync("/a", 2)).Kv));
    }

    [Fact]
    public async Task Compact_AtCurrentRevision_KeepsStoreWritable()
    {
        var store = NewStore();
        await WriteHistoryAsync(store);

        await store.CompactAsync(7);
        var next = await store.CreateAsync("/b", Bytes("b2"));

        Assert.Equal(8, next.Revision);
        Assert.Equal(new KeyValue("/b", next.Current!.Value, 8, 8, 1), next.Current);
        Assert.Equal(["a3", "b2", "c1"], (await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/")))).Items.Select(Text));
        Assert.Equal("a3", Text((await store.UpdateAsync("/a", Bytes("a4"), 6)).Previous));
    }
}
