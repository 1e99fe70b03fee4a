namespace FastKube.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Get_AtRevision_ReturnsVersionOfThatRevision()
    {
        var store = NewStore();
        var r1 = await PutAsync(store, "/k", "v1");
        var r2 = (await store.UpdateAsync("/k", Bytes("v2"), r1)).Revision;
        var r3 = (await store.DeleteAsync("/k", r2)).Revision;

        Assert.Equal(StoreStatus.NotFound, (await store.GetAsync("/k", 1)).Status);
        Assert.Equal("v1", Text((await store.GetAsync("/k", r1)).Kv));
        Assert.Equal("v2", Text((await store.GetAsync("/k", r2)).Kv));
        var deleted = await store.GetAsync("/k", r3);
        Assert.Equal(StoreStatus.NotFound, deleted.Status);
        Assert.Equal(r3, deleted.Revision);
    }

    [Fact]
    public async Task Get_CurrentRevision_ReportsServedRevision()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v1");
        await PutAsync(store, "/other", "x");

        var result = await store.GetAsync("/k");

        Assert.Equal(StoreStatus.Ok, result.Status);
        Assert.Equal(3, result.Revision);
        Assert.Equal(2, result.Kv!.ModRevision);
    }

    [Fact]
    public async Task Get_FutureOrNegativeRevision_ReturnsError()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v1");

        Assert.Equal(StoreStatus.FutureRevision, (await store.GetAsync("/k", 3)).Status);
        Assert.Equal(StoreStatus.InvalidArgument, (await store.GetAsync("/k", -1)).Status);
    }

    [Fact]
    public async Task Range_Prefix_ReturnsOnlyKeysUnderPrefixSorted()
    {
        var store = NewStore();
        foreach (var key in new[] { "/a/z", "/a", "/a0", "/a/b", "/b/a", "/a/", "/a.", "/a/b/c" })
        {
            await PutAsync(store, key, key);
        }

        var result = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/a/")));

        Assert.Equal(StoreStatus.Ok, result.Status);
        Assert.Equal(["/a/", "/a/b", "/a/b/c", "/a/z"], result.Items.Select(kv => kv.Key));
        Assert.False(result.More);
        Assert.Equal(4, result.Count);
        Assert.Equal(9, result.Revision);
    }

    [Fact]
    public async Task Range_HalfOpenInterval_ExcludesEnd()
    {
        var store = NewStore();
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            await PutAsync(store, key, key);
        }

        var bounded = await store.RangeAsync(new RangeRequest(new KeyRange("b", "d")));
        var open = await store.RangeAsync(new RangeRequest(new KeyRange("c", null)));
        var single = await store.RangeAsync(new RangeRequest(KeyRange.Single("b")));

        Assert.Equal(["b", "c"], bounded.Items.Select(kv => kv.Key));
        Assert.Equal(["c", "d"], open.Items.Select(kv => kv.Key));
        Assert.Equal(["b"], single.Items.Select(kv => kv.Key));
    }

    [Fact]
    public async Task Range_EmptyPrefix_ReturnsEverything()
    {
        var store = NewStore();
        await PutAsync(store, "/x", "1");
        await PutAsync(store, "\uffff", "2");

        var result = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("")));

        Assert.Equal(2, result.Items.Count);
    }

    [Fact]
    public async Task Range_AtOldRevision_SeesDeletedKeysAndNotLaterOnes()
    {
        var store = NewStore();
        await PutAsync(store, "/p/a", "a1");
        var deleteMe = await PutAsync(store, "/p/b", "b1");
        var snapshot = store.CurrentRevision;
        await store.UpdateAsync("/p/a", Bytes("a2"), 0);
        await store.DeleteAsync("/p/b", deleteMe);
        await PutAsync(store, "/p/c", "c1");

        var old = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/p/"), Revision: snapshot));
        var now = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/p/")));

        Assert.Equal(["a1", "b1"], old.Items.Select(Text));
        Assert.Equal(snapshot, old.Revision);
        Assert.Equal(["a2", "c1"], now.Items.Select(Text));
    }

    [Fact]
    public async Task Range_LimitAndContinue_PagesThroughOneSnapshot()
    {
        var store = NewStore();
        for (var i = 0; i < 7; i++)
        {
            await PutAsync(store, $"/list/{i}", $"v{i}");
        }

        var first = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/list/"), Limit: 3));

        // Writes between pages must not show up: later pages read at the first page's revision.
        await store.DeleteAsync("/list/5", 0);
        await PutAsync(store, "/list/9", "late");

        var seen = first.Items.Select(kv => kv.Key).ToList();
        Assert.True(first.More);
        Assert.Equal(7, first.Count);
        var page = first;
        var counts = new List<long> { first.Count };
        while (page.More)
        {
            page = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/list/"), 3, first.Revision, page.Items[^1].Key));
            Assert.Equal(StoreStatus.Ok, page.Status);
            Assert.Equal(first.Revision, page.Revision);
            seen.AddRange(page.Items.Select(kv => kv.Key));
            counts.Add(page.Count);
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"/list/{i}"), seen);
        Assert.Equal([7, 4, 1], counts);
    }

    [Fact]
    public async Task Range_LimitEqualToCount_ReportsNoMore()
    {
        var store = NewStore();
        await PutAsync(store, "/l/a", "a");
        await PutAsync(store, "/l/b", "b");

        var result = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/l/"), Limit: 2));

        Assert.Equal(2, result.Items.Count);
        Assert.False(result.More);
        Assert.Equal(2, result.Count);
    }

    [Fact]
    public async Task Range_InvalidArguments_ReturnErrors()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v");

        Assert.Equal(StoreStatus.InvalidArgument, (await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/"), Limit: -1))).Status);
        Assert.Equal(StoreStatus.InvalidArgument, (await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/"), Revision: -1))).Status);
        Assert.Equal(StoreStatus.FutureRevision, (await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/"), Revision: 99))).Status);
    }

    [Fact]
    public async Task Range_EmptyStore_ReturnsNothingAtRevisionOne()
    {
        var store = NewStore();

        var result = await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/")));

        Assert.Equal(StoreStatus.Ok, result.Status);
        Assert.Empty(result.Items);
        Assert.Equal(1, result.Revision);
    }
}
