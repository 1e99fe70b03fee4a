using System.Text;
using Microsoft.Data.Sqlite;

namespace FastKube.Storage.Sqlite.Tests;

/// <summary>Behaviour specific to the SQLite backend: persistence across reopen and history read from the table.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempDatabase temp = new();

    [Fact]
    public async Task Open_ExistingDatabase_RestoresRevisionContentsAndCompaction()
    {
        var path = temp.NewPath();
        await using (var store = SqliteStore.Open(new SqliteStoreOptions { Path = path }))
        {
            var a = await store.CreateAsync("/a", "a1"u8.ToArray());
            await store.UpdateAsync("/a", "a2"u8.ToArray(), a.Revision);
            var b = await store.CreateAsync("/b", "b1"u8.ToArray());
            await store.DeleteAsync("/b", b.Revision);
            await store.CompactAsync(4);
        }

        await using var reopened = SqliteStore.Open(new SqliteStoreOptions { Path = path });

        Assert.Equal(5, reopened.CurrentRevision);
        Assert.Equal(4, reopened.CompactRevision);
        var a2 = (await reopened.GetAsync("/a")).Kv!;
        Assert.Equal(new KeyValue("/a", a2.Value, 2, 3, 2), a2);
        Assert.Equal(StoreStatus.NotFound, (await reopened.GetAsync("/b")).Status);
        Assert.Equal(StoreStatus.Compacted, (await reopened.GetAsync("/a", 2)).Status);

        // The writer's cache came back too: CAS decisions use the recovered revisions.
        Assert.Equal(StoreStatus.Conflict, (await reopened.UpdateAsync("/a", "x"u8.ToArray(), 2)).Status);
        Assert.Equal(StoreStatus.AlreadyExists, (await reopened.CreateAsync("/a", "x"u8.ToArray())).Status);
        var recreated = await reopened.CreateAsync("/b", "b2"u8.ToArray());
        Assert.Equal(new KeyValue("/b", recreated.Current!.Value, 6, 6, 1), recreated.Current);
    }

    [Fact]
    public async Task Watch_OlderThanEventRing_ReplaysFromTableThenLive()
    {
        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = temp.NewPath(), RecentEvents = 16 });
        for (var i = 0; i < 100; i++)
        {
            var created = await store.CreateAsync($"/r/{i}", Encoding.UTF8.GetBytes($"v{i}"));
            await store.UpdateAsync($"/r/{i}", Encoding.UTF8.GetBytes($"w{i}"), created.Revision);
        }

        var result = await store.WatchAsync(KeyRange.Prefix("/r/"), 2);
        await using var watch = result.Watch!;
        await store.DeleteAsync("/r/0", 0);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<WatchEvent>();
        while (events.Count < 201)
        {
            events.Add(await watch.Events.ReadAsync(timeout.Token));
        }

        Assert.Equal(Enumerable.Range(2, 201).Select(i => (long)i), events.Select(e => e.Revision));
        Assert.Equal("v7", Encoding.UTF8.GetString(events[15].PrevKv!.Value.Span));
        Assert.Equal(WatchEventType.Deleted, events[^1].Type);
        Assert.Equal("w0", Encoding.UTF8.GetString(events[^1].PrevKv!.Value.Span));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1)]
    public async Task Create_ConcurrentWriters_ShareCommitsUnlessBatchingIsOff(int maxBatchSize)
    {
        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = temp.NewPath(), MaxBatchSize = maxBatchSize });
        const int writes = 640;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < writes / 64; i++)
            {
                await store.CreateAsync($"/g/{w}/{i}", "v"u8.ToArray());
            }
        })));

        Assert.Equal(1 + writes, store.CurrentRevision);
        if (maxBatchSize == 1)
        {
            Assert.Equal(writes, store.Commits);
        }
        else
        {
            // 64 writers each waiting for an fsync leave others queued: far fewer commits than writes.
            Assert.InRange(store.Commits, 1, writes / 4);
        }
    }

    [Fact]
    public async Task Create_CommitFails_ThrowsAndLeavesStoreConsistent()
    {
        var path = temp.NewPath();
        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = path });
        await store.CreateAsync("/before", "x"u8.ToArray());
        await using (var saboteur = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // An I/O-like failure inside the writer's transaction, on one key only.
            saboteur.Open();
            using var trigger = saboteur.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER poison BEFORE INSERT ON kv WHEN NEW.name = '/poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END";
            trigger.ExecuteNonQuery();
        }

        await Assert.ThrowsAsync<SqliteException>(async () => await store.CreateAsync("/poison", "p"u8.ToArray()));
        var after = await store.CreateAsync("/after", "y"u8.ToArray());

        Assert.Equal(3, after.Revision);
        Assert.Equal(StoreStatus.NotFound, (await store.GetAsync("/poison")).Status);
        Assert.Equal(["/after", "/before"], (await store.RangeAsync(new RangeRequest(KeyRange.Prefix("/")))).Items.Select(kv => kv.Key));
    }

    public void Dispose() => temp.Dispose();
}
