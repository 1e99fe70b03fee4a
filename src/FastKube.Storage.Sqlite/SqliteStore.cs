using FastKube.Storage.Watching;
using Microsoft.Data.Sqlite;

namespace FastKube.Storage.Sqlite;

/// <summary>
/// The embedded, durable <see cref="IStore"/>: a kine-shaped log table in SQLite (WAL,
/// <c>synchronous = FULL</c>). One writer thread applies queued writes in batches, one transaction and
/// one fsync per batch (group commit), each write still getting its own revision; reads use their own
/// connections beside it; watches fan out from committed batches in memory.
/// </summary>
public sealed partial class SqliteStore : IStore
{
    private readonly SqliteStoreOptions options;
    private readonly string connectionString;
    private readonly WatchHub hub;
    private readonly RecentEvents recent;
    private long revision;
    private long compactRevision;

    private SqliteStore(SqliteStoreOptions options, string connectionString, long revision, long compactRevision)
    {
        this.options = options;
        this.connectionString = connectionString;
        this.revision = revision;
        this.compactRevision = compactRevision;
        recent = new RecentEvents(options.RecentEvents, options.RecentEventBytes);
        hub = new WatchHub(revision, ReadHistory, options.WatchCapacity);
    }

    /// <inheritdoc/>
    public long CurrentRevision => Volatile.Read(ref revision);

    /// <inheritdoc/>
    public long CompactRevision => Volatile.Read(ref compactRevision);

    /// <summary>
    /// Opens (or creates) the database, recovers the WAL after a crash, restores the revision and the
    /// compaction revision, and starts the writer thread.
    /// </summary>
    public static SqliteStore Open(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, Schema.WriterPragmas);
            Execute(connection, Schema.Create);
            var current = (long)Scalar(connection, Schema.CurrentRevision)!;
            var compact = Scalar(connection, Schema.ReadCompactRevision) is long c ? c : 0;
            var store = new SqliteStore(options, connectionString, current, compact);
            store.StartWriter(connection);
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var status = StoreLimits.ValidatePut(key, value);
        return status == StoreStatus.Ok
            ? Enqueue(new WriteOp(WriteKind.Create, key, value.ToArray(), 0), cancellationToken)
            : new(WriteResult.Failed(status, CurrentRevision));
    }

    /// <inheritdoc/>
    public ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        var status = StoreLimits.ValidatePut(key, value);
        if (status == StoreStatus.Ok && expectedModRevision < 0)
        {
            status = StoreStatus.InvalidArgument;
        }

        return status == StoreStatus.Ok
            ? Enqueue(new WriteOp(WriteKind.Update, key, value.ToArray(), expectedModRevision), cancellationToken)
            : new(WriteResult.Failed(status, CurrentRevision));
    }

    /// <inheritdoc/>
    public ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        var status = StoreLimits.ValidateKey(key);
        if (status == StoreStatus.Ok && expectedModRevision < 0)
        {
            status = StoreStatus.InvalidArgument;
        }

        return status == StoreStatus.Ok
            ? Enqueue(new WriteOp(WriteKind.Delete, key, [], expectedModRevision), cancellationToken)
            : new(WriteResult.Failed(status, CurrentRevision));
    }

    /// <inheritdoc/>
    public async ValueTask<CompactResult> CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        var status = Revisions.CheckCompact(revision, CurrentRevision, CompactRevision);
        if (status != StoreStatus.Ok)
        {
            return new CompactResult(status, CompactRevision, CurrentRevision);
        }

        // Compaction runs on the writer thread so it is ordered with writes; the check repeats there.
        var result = await Enqueue(new WriteOp(WriteKind.Compact, string.Empty, [], revision), cancellationToken).ConfigureAwait(false);
        return new CompactResult(result.Status, result.Revision, CurrentRevision);
    }

    /// <inheritdoc/>
    public ValueTask<WatchResult> WatchAsync(KeyRange range, long fromRevision, CancellationToken cancellationToken = default)
    {
        if (fromRevision < 0 || range.Start is null)
        {
            return new(new WatchResult(StoreStatus.InvalidArgument, null, CompactRevision));
        }

        if (fromRevision == 0)
        {
            fromRevision = hub.PublishedRevision + 1;
        }

        var compact = CompactRevision;
        return fromRevision < compact
            ? new(new WatchResult(StoreStatus.Compacted, null, compact))
            : new(new WatchResult(StoreStatus.Ok, hub.Start(range, fromRevision), compact));
    }

    /// <summary>Finishes queued writes, ends watches, checkpoints the WAL and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopWriterAsync().ConfigureAwait(false);
        hub.Close();
        DisposeReaders();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
