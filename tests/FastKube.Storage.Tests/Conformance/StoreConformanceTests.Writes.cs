namespace FastKube.Storage.Tests.Conformance;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public void NewStore_Revision_IsOne()
    {
        var store = NewStore();

        Assert.Equal(1, store.CurrentRevision);
        Assert.Equal(0, store.CompactRevision);
    }

    [Fact]
    public async Task Create_NewKey_TakesNextRevisionWithVersionOne()
    {
        var store = NewStore();

        var first = await store.CreateAsync("/registry/pods/default/a", Bytes("a1"));
        var second = await store.CreateAsync("/registry/pods/default/b", Bytes("b1"));

        Assert.Equal(StoreStatus.Ok, first.Status);
        Assert.Equal(2, first.Revision);
        Assert.Equal(new KeyValue("/registry/pods/default/a", first.Current!.Value, 2, 2, 1), first.Current);
        Assert.Equal("a1", Text(first.Current));
        Assert.Null(first.Previous);
        Assert.Equal(3, second.Revision);
        Assert.Equal(3, store.CurrentRevision);
    }

    [Fact]
    public async Task Create_ExistingKey_ReturnsAlreadyExistsWithLiveValue()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v1");

        var result = await store.CreateAsync("/k", Bytes("v2"));

        Assert.Equal(StoreStatus.AlreadyExists, result.Status);
        Assert.Equal("v1", Text(result.Current));
        Assert.Equal(2, result.Current!.ModRevision);
        Assert.Equal(2, store.CurrentRevision);
    }

    [Fact]
    public async Task Create_CallerReusesBuffer_StoredValueUnchanged()
    {
        var store = NewStore();
        var buffer = Bytes("original");

        await store.CreateAsync("/k", buffer);
        buffer[0] = (byte)'X';

        Assert.Equal("original", Text((await store.GetAsync("/k")).Kv));
    }

    [Fact]
    public async Task Update_MatchingModRevision_BumpsVersionKeepsCreateRevision()
    {
        var store = NewStore();
        var created = await PutAsync(store, "/k", "v1");

        var result = await store.UpdateAsync("/k", Bytes("v2"), created);

        Assert.Equal(StoreStatus.Ok, result.Status);
        Assert.Equal(3, result.Revision);
        Assert.Equal(new KeyValue("/k", result.Current!.Value, 2, 3, 2), result.Current);
        Assert.Equal("v2", Text(result.Current));
        Assert.Equal("v1", Text(result.Previous));
        Assert.Equal(2, result.Previous!.ModRevision);
    }

    [Fact]
    public async Task Update_StaleModRevision_ReturnsConflictWithCurrent()
    {
        var store = NewStore();
        var created = await PutAsync(store, "/k", "v1");
        await store.UpdateAsync("/k", Bytes("v2"), created);

        var result = await store.UpdateAsync("/k", Bytes("v3"), created);

        Assert.Equal(StoreStatus.Conflict, result.Status);
        Assert.Equal("v2", Text(result.Current));
        Assert.Equal(3, result.Current!.ModRevision);
        Assert.Equal(3, store.CurrentRevision);
    }

    [Fact]
    public async Task Update_ZeroExpectedRevision_UpdatesUnconditionally()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v1");

        var result = await store.UpdateAsync("/k", Bytes("v2"), 0);

        Assert.Equal(StoreStatus.Ok, result.Status);
        Assert.Equal(2, result.Current!.Version);
    }

    [Fact]
    public async Task Update_MissingKey_ReturnsNotFound()
    {
        var store = NewStore();

        var result = await store.UpdateAsync("/missing", Bytes("v"), 0);

        Assert.Equal(StoreStatus.NotFound, result.Status);
        Assert.Equal(1, store.CurrentRevision);
    }

    [Fact]
    public async Task Delete_LiveKey_ReturnsDeletedValueAndKeyIsGone()
    {
        var store = NewStore();
        var created = await PutAsync(store, "/k", "v1");

        var result = await store.DeleteAsync("/k", created);

        Assert.Equal(StoreStatus.Ok, result.Status);
        Assert.Equal(3, result.Revision);
        Assert.Equal("v1", Text(result.Previous));
        Assert.Equal(StoreStatus.NotFound, (await store.GetAsync("/k")).Status);
        Assert.Equal(StoreStatus.NotFound, (await store.DeleteAsync("/k", 0)).Status);
        Assert.Equal(3, store.CurrentRevision);
    }

    [Fact]
    public async Task Delete_StaleModRevision_ReturnsConflictAndKeepsKey()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v1");
        var updated = await store.UpdateAsync("/k", Bytes("v2"), 0);

        var result = await store.DeleteAsync("/k", 2);

        Assert.Equal(StoreStatus.Conflict, result.Status);
        Assert.Equal(updated.Revision, result.Current!.ModRevision);
        Assert.Equal(StoreStatus.Ok, (await store.GetAsync("/k")).Status);
    }

    [Fact]
    public async Task Create_AfterDelete_StartsNewIncarnation()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v1");
        await store.UpdateAsync("/k", Bytes("v2"), 0);
        await store.DeleteAsync("/k", 0);

        var result = await store.CreateAsync("/k", Bytes("v3"));

        Assert.Equal(StoreStatus.Ok, result.Status);
        Assert.Equal(new KeyValue("/k", result.Current!.Value, 5, 5, 1), result.Current);
    }

    [Fact]
    public async Task Writes_ManyConcurrentWriters_GetUniqueContiguousRevisions()
    {
        var store = NewStore();
        const int writers = 16;
        const int perWriter = 40;

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var revisions = new List<long>();
            for (var i = 0; i < perWriter; i++)
            {
                var result = await store.CreateAsync($"/w/{w}/{i}", Bytes($"{w}-{i}"));
                Assert.Equal(StoreStatus.Ok, result.Status);
                revisions.Add(result.Revision);
            }

            return revisions;
        })));

        var all = results.SelectMany(r => r).Order().ToList();
        Assert.Equal(Enumerable.Range(2, writers * perWriter).Select(i => (long)i), all);
        Assert.Equal(1 + (writers * perWriter), store.CurrentRevision);
    }

    [Fact]
    public async Task Update_ConcurrentCasOnSameRevision_ExactlyOneWins()
    {
        var store = NewStore();
        var created = await PutAsync(store, "/counter", "0");

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            store.UpdateAsync("/counter", Bytes($"{i}"), created).AsTask()));

        Assert.Single(results, r => r.Status == StoreStatus.Ok);
        Assert.Equal(31, results.Count(r => r.Status == StoreStatus.Conflict));
        Assert.Equal(created + 1, store.CurrentRevision);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("nul")]
    [InlineData("surrogate")]
    public async Task Writes_InvalidKey_ReturnInvalidKeyAndWriteNothing(string kind)
    {
        // Built here: xunit's theory serialization would replace a lone surrogate in inline data.
        var key = kind switch
        {
            "empty" => "",
            "nul" => "/has\0nul",
            _ => "/lone\ud800surrogate",
        };
        var store = NewStore();

        Assert.Equal(StoreStatus.InvalidKey, (await store.CreateAsync(key, Bytes("v"))).Status);
        Assert.Equal(StoreStatus.InvalidKey, (await store.UpdateAsync(key, Bytes("v"), 0)).Status);
        Assert.Equal(StoreStatus.InvalidKey, (await store.DeleteAsync(key, 0)).Status);
        Assert.Equal(StoreStatus.InvalidKey, (await store.GetAsync(key)).Status);
        Assert.Equal(1, store.CurrentRevision);
    }

    [Fact]
    public async Task Writes_KeyOverLimit_ReturnInvalidKey()
    {
        var store = NewStore();

        var result = await store.CreateAsync("/" + new string('k', StoreLimits.MaxKeyLength), Bytes("v"));

        Assert.Equal(StoreStatus.InvalidKey, result.Status);
        Assert.Equal(1, store.CurrentRevision);
    }

    [Fact]
    public async Task Writes_ValueOverLimit_ReturnValueTooLargeAndWriteNothing()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v");
        var huge = new byte[StoreLimits.MaxValueBytes + 1];

        Assert.Equal(StoreStatus.ValueTooLarge, (await store.CreateAsync("/big", huge)).Status);
        Assert.Equal(StoreStatus.ValueTooLarge, (await store.UpdateAsync("/k", huge, 0)).Status);
        Assert.Equal(2, store.CurrentRevision);
        Assert.Equal("v", Text((await store.GetAsync("/k")).Kv));
    }

    [Fact]
    public async Task Writes_ValueAtLimitAndEmptyValue_AreStored()
    {
        var store = NewStore();
        var largest = new byte[StoreLimits.MaxValueBytes];
        largest[^1] = 7;

        Assert.Equal(StoreStatus.Ok, (await store.CreateAsync("/big", largest)).Status);
        Assert.Equal(StoreStatus.Ok, (await store.CreateAsync("/empty", ReadOnlyMemory<byte>.Empty)).Status);

        Assert.Equal(largest, (await store.GetAsync("/big")).Kv!.Value.ToArray());
        Assert.Equal(0, (await store.GetAsync("/empty")).Kv!.Value.Length);
    }

    [Fact]
    public async Task Writes_NegativeExpectedRevision_ReturnInvalidArgument()
    {
        var store = NewStore();
        await PutAsync(store, "/k", "v");

        Assert.Equal(StoreStatus.InvalidArgument, (await store.UpdateAsync("/k", Bytes("v2"), -1)).Status);
        Assert.Equal(StoreStatus.InvalidArgument, (await store.DeleteAsync("/k", -5)).Status);
        Assert.Equal(2, store.CurrentRevision);
    }
}
