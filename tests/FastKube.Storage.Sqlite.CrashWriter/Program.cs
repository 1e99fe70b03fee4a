using FastKube.Storage;
using FastKube.Storage.Sqlite;
using FastKube.Storage.Sqlite.CrashWriter;

// Usage: CrashWriter <db path> <writers>
// Writes until killed: each writer creates keys /crash/<writer>/<n> and updates every third one,
// printing "ack <key> <revision> <version> end" for each acknowledged write. The value of a key at a
// version is derived from the key and the version, so the test can check every row it reopens.
var path = args[0];
var writers = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var store = SqliteStore.Open(new SqliteStoreOptions { Path = path });
var output = Console.Out;
var outputGate = new Lock();

await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (var n = 0; ; n++)
    {
        var key = $"/crash/{w}/{n}";
        var created = await store.CreateAsync(key, CrashValue.For(key, 1));
        Acknowledge(created);
        if (n % 3 == 0)
        {
            Acknowledge(await store.UpdateAsync(key, CrashValue.For(key, 2), created.Revision));
        }
    }
})));

void Acknowledge(WriteResult result)
{
    if (result.Status != StoreStatus.Ok)
    {
        throw new InvalidOperationException($"write failed: {result.Status}");
    }

    var kv = result.Current!;
    lock (outputGate)
    {
        output.Write($"ack {kv.Key} {kv.ModRevision} {kv.Version} end\n");
        output.Flush();
    }
}
