using FastKube.Storage.Tests.Conformance;

namespace FastKube.Storage.Sqlite.Tests;

public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly TempDatabase temp = new();

    protected override IStore CreateStore(int watchCapacity) =>
        SqliteStore.Open(new SqliteStoreOptions { Path = temp.NewPath(), WatchCapacity = watchCapacity });

    public void Dispose() => temp.Dispose();
}

/// <summary>
/// The suite again with group commit off and a tiny in-memory event ring, so every write is its own
/// transaction and watches replay history from the table.
/// </summary>
public sealed class SqliteStoreUnbatchedConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly TempDatabase temp = new();

    protected override IStore CreateStore(int watchCapacity) =>
        SqliteStore.Open(new SqliteStoreOptions { Path = temp.NewPath(), WatchCapacity = watchCapacity, MaxBatchSize = 1, RecentEvents = 4 });

    public void Dispose() => temp.Dispose();
}
