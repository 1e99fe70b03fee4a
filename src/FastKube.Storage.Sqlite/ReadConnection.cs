using Microsoft.Data.Sqlite;

namespace FastKube.Storage.Sqlite;

/// <summary>A read-only connection with its prepared statements; pooled by <see cref="SqliteStore"/>.</summary>
internal sealed class ReadConnection : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand currentRevision;
    private readonly SqliteCommand get;

    // Indexed by (exclusiveStart, bounded, count) and by bounded: built on first use.
    private readonly SqliteCommand?[] ranges = new SqliteCommand?[8];
    private readonly SqliteCommand?[] histories = new SqliteCommand?[2];

    public ReadConnection(string connectionString)
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = Schema.ReaderPragmas;
            pragmas.ExecuteNonQuery();
        }

        currentRevision = Prepare(Schema.CurrentRevision);
        get = Prepare(Schema.Get, "$name", "$rev");
    }

    /// <summary>Starts a read transaction; its first statement fixes the snapshot.</summary>
    public SqliteTransaction Begin() => connection.BeginTransaction(deferred: true);

    public long CurrentRevision(SqliteTransaction transaction)
    {
        currentRevision.Transaction = transaction;
        return (long)currentRevision.ExecuteScalar()!;
    }

    public KeyValue? Get(SqliteTransaction transaction, string key, long revision)
    {
        get.Transaction = transaction;
        get.Parameters[0].Value = key;
        get.Parameters[1].Value = revision;
        using var reader = get.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(4) != 0)
        {
            return null;
        }

        return new KeyValue(key, (byte[])reader.GetValue(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public List<KeyValue> Range(SqliteTransaction transaction, in RangeRequest request, long revision)
    {
        var command = RangeCommand(request, revision, count: false, transaction);
        command.Parameters["$limit"].Value = request.Limit == 0 ? -1 : request.Limit;
        var items = new List<KeyValue>(request.Limit is > 0 and < 4096 ? request.Limit : 16);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(new KeyValue(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return items;
    }

    public long Count(SqliteTransaction transaction, in RangeRequest request, long revision) =>
        (long)RangeCommand(request, revision, count: true, transaction).ExecuteScalar()!;

    /// <summary>Events of a range in [from, to], each with the value it replaced; at most <paramref name="max"/>.</summary>
    public List<WatchEvent> History(KeyRange range, long from, long to, int max)
    {
        var bounded = range.End is not null;
        var command = histories[bounded ? 1 : 0] ??= Prepare(Schema.History(bounded), "$from", "$to", "$start", "$end", "$max");
        command.Parameters["$from"].Value = from;
        command.Parameters["$to"].Value = to;
        command.Parameters["$start"].Value = range.Start;
        command.Parameters["$end"].Value = (object?)range.End ?? DBNull.Value;
        command.Parameters["$max"].Value = max;
        var events = new List<WatchEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var rev = reader.GetInt64(0);
            var key = reader.GetString(1);
            KeyValue? previous = reader.IsDBNull(6)
                ? null
                : new KeyValue(key, (byte[])reader.GetValue(9), reader.GetInt64(7), reader.GetInt64(6), reader.GetInt64(8));
            if (reader.GetInt64(2) != 0)
            {
                events.Add(new WatchEvent(WatchEventType.Deleted, rev, previous!, previous));
                continue;
            }

            var kv = new KeyValue(key, (byte[])reader.GetValue(5), reader.GetInt64(3), rev, reader.GetInt64(4));
            events.Add(new WatchEvent(previous is null ? WatchEventType.Created : WatchEventType.Updated, rev, kv, previous));
        }

        return events;
    }

    public void Dispose()
    {
        currentRevision.Dispose();
        get.Dispose();
        foreach (var command in ranges.Concat(histories))
        {
            command?.Dispose();
        }

        connection.Dispose();
    }

    private SqliteCommand RangeCommand(in RangeRequest request, long revision, bool count, SqliteTransaction transaction)
    {
        var (start, exclusive) = Revisions.LowerBound(request);
        var bounded = request.Range.End is not null;
        var slot = (exclusive ? 4 : 0) + (bounded ? 2 : 0) + (count ? 1 : 0);
        var command = ranges[slot] ??= count
            ? Prepare(Schema.Range(exclusive, bounded, count), "$start", "$end", "$rev")
            : Prepare(Schema.Range(exclusive, bounded, count), "$start", "$end", "$rev", "$limit");
        command.Transaction = transaction;
        command.Parameters["$start"].Value = start;
        command.Parameters["$end"].Value = (object?)request.Range.End ?? DBNull.Value;
        command.Parameters["$rev"].Value = revision;
        return command;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        command.Prepare();
        return command;
    }
}
