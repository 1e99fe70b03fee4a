using Microsoft.Data.Sqlite;

namespace FastKube.Storage.Sqlite;

/// <summary>
/// One write inside the writer's open transaction: its decision (create/CAS) against the cache plus
/// the batch's own earlier writes, its row, its event.
/// </summary>
public sealed partial class SqliteStore
{
    private static void RollBack(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Rollback();
        }
        catch (SqliteException)
        {
            // The failed commit may already have ended the transaction; the batch is failed either way.
        }
    }

    private WriteResult Apply(WriteOp op, ref SqliteTransaction? transaction, ref long next)
    {
        if (op.Kind == WriteKind.Compact)
        {
            return Compact(op.Revision, ref transaction, next - 1);
        }

        KeyMeta? current = overlay.TryGetValue(op.Key, out var written) ? written
            : latest.TryGetValue(op.Key, out var cached) ? cached : null;
        var decided = next - 1;
        switch (op.Kind)
        {
            case WriteKind.Create when current is { } existing:
                return WriteResult.Failed(StoreStatus.AlreadyExists, decided, Materialize(op.Key, existing, transaction));
            case WriteKind.Update or WriteKind.Delete when current is null:
                return WriteResult.Failed(StoreStatus.NotFound, decided);
            case WriteKind.Update or WriteKind.Delete when op.Revision != 0 && current!.Value.ModRevision != op.Revision:
                return WriteResult.Failed(StoreStatus.Conflict, decided, Materialize(op.Key, current.Value, transaction));
        }

        transaction ??= writer!.BeginTransaction(deferred: false);
        var rev = next++;
        var previous = current is { } prev ? Materialize(op.Key, prev, transaction) : null;
        if (op.Kind == WriteKind.Delete)
        {
            Insert(transaction, rev, op.Key, created: false, deleted: true, previous!.CreateRevision, previous.ModRevision, 0, []);
            overlay[op.Key] = null;
            batchEvents.Add(new WatchEvent(WatchEventType.Deleted, rev, previous, previous));
            return new WriteResult(StoreStatus.Ok, rev, null, previous);
        }

        var meta = previous is null
            ? new KeyMeta(rev, rev, 1)
            : new KeyMeta(previous.CreateRevision, rev, previous.Version + 1);
        var kv = new KeyValue(op.Key, op.Value, meta.CreateRevision, rev, meta.Version);
        Insert(transaction, rev, op.Key, created: previous is null, deleted: false, meta.CreateRevision, previous?.ModRevision ?? 0, meta.Version, op.Value);
        overlay[op.Key] = meta;
        batchEvents.Add(new WatchEvent(previous is null ? WatchEventType.Created : WatchEventType.Updated, rev, kv, previous));
        return new WriteResult(StoreStatus.Ok, rev, kv, previous);
    }

    private WriteResult Compact(long target, ref SqliteTransaction? transaction, long current)
    {
        var status = Revisions.CheckCompact(target, current, compactRevision);
        if (status != StoreStatus.Ok)
        {
            return WriteResult.Failed(status, compactRevision);
        }

        transaction ??= writer!.BeginTransaction(deferred: false);

        // Published before the rows go: a reader whose snapshot lacks them is then sure to see the new
        // compaction revision when it checks after taking its snapshot.
        Volatile.Write(ref compactRevision, target);
        using (var delete = writer!.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = Schema.Compact;
            delete.Parameters.AddWithValue("$rev", target);
            delete.ExecuteNonQuery();
        }

        using (var meta = writer.CreateCommand())
        {
            meta.Transaction = transaction;
            meta.CommandText = Schema.WriteCompactRevision;
            meta.Parameters.AddWithValue("$rev", target);
            meta.ExecuteNonQuery();
        }

        return new WriteResult(StoreStatus.Ok, target, null, null);
    }

    /// <summary>The key-value a cached entry stands for; its value is read by row id (the writer sees its own uncommitted rows).</summary>
    private KeyValue Materialize(string key, KeyMeta meta, SqliteTransaction? transaction)
    {
        valueById!.Transaction = transaction;
        valueById.Parameters[0].Value = meta.ModRevision;
        var value = (byte[])valueById.ExecuteScalar()!;
        return new KeyValue(key, value, meta.CreateRevision, meta.ModRevision, meta.Version);
    }

    private void Insert(SqliteTransaction transaction, long id, string key, bool created, bool deleted, long createRevision, long prevRevision, long version, byte[] value)
    {
        var command = insert!;
        command.Transaction = transaction;
        var p = command.Parameters;
        p[0].Value = id;
        p[1].Value = key;
        p[2].Value = created ? 1 : 0;
        p[3].Value = deleted ? 1 : 0;
        p[4].Value = createRevision;
        p[5].Value = prevRevision;
        p[6].Value = version;
        p[7].Value = value;
        command.ExecuteNonQuery();
    }

    private void LoadLatest(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Schema.LoadLatest;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            latest[reader.GetString(0)] = new KeyMeta(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
