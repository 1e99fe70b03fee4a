using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace FastKube.Storage.Sqlite;

/// <summary>
/// The writer: a dedicated thread (commits block in fsync, which must not stall thread-pool threads)
/// that swaps the queue out, applies up to <see cref="SqliteStoreOptions.MaxBatchSize"/> writes in one
/// transaction, commits, then publishes and acknowledges them.
/// </summary>
public sealed partial class SqliteStore
{
    /// <summary>
    /// Longest pause for writers to rejoin before a commit. An fsync costs 1–4 ms on the build
    /// machines, so 1 ms at most adds little latency while it roughly doubles the writes per fsync.
    /// </summary>
    private const int LingerMilliseconds = 1;

    /// <summary>
    /// While lingering the writer wakes for every this many arrivals and inserts them, overlapping its
    /// own work with the arrivals without a context switch per write.
    /// </summary>
    private const int LingerWakeChunk = 16;

    private readonly object queueGate = new();
    private readonly Dictionary<string, KeyMeta> latest = new(StringComparer.Ordinal);

    // Keys written by the batch being applied: CAS checks later in the batch see them; merged into
    // `latest` only after the commit succeeds. A null entry is a deletion.
    private readonly Dictionary<string, KeyMeta?> overlay = new(StringComparer.Ordinal);
    private readonly List<WatchEvent> batchEvents = [];
    private List<WriteOp> pending = [];
    private bool stopping;
    private int lingerTarget;
    private int wakeAt = 1;
    private long commits;
    private Thread? writerThread;
    private SqliteConnection? writer;
    private SqliteCommand? insert;
    private SqliteCommand? valueById;

    /// <summary>Transactions committed so far; fewer than writes when group commit works.</summary>
    internal long Commits => Volatile.Read(ref commits);

    private ValueTask<WriteResult> Enqueue(WriteOp op, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<WriteResult>(cancellationToken);
        }

        lock (queueGate)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            pending.Add(op);
            if (pending.Count == wakeAt)
            {
                Monitor.Pulse(queueGate);
            }
        }

        return new(op.Task);
    }

    private void StartWriter(SqliteConnection connection)
    {
        writer = connection;
        LoadLatest(connection);
        insert = Prepare(connection, Schema.Insert, "$id", "$name", "$created", "$deleted", "$create_revision", "$prev_revision", "$version", "$value");
        valueById = Prepare(connection, "SELECT value FROM kv WHERE id = $id", "$id");
        writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "sqlite-store-writer" };
        writerThread.Start();
    }

    private async Task StopWriterAsync()
    {
        lock (queueGate)
        {
            if (stopping)
            {
                return;
            }

            stopping = true;
            Monitor.Pulse(queueGate);
        }

        if (writerThread is { } thread)
        {
            await Task.Run(thread.Join).ConfigureAwait(false);
        }

        insert?.Dispose();
        valueById?.Dispose();
        if (writer is { } connection)
        {
            using (var checkpoint = connection.CreateCommand())
            {
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                checkpoint.ExecuteNonQuery();
            }

            connection.Dispose();
        }
    }

    private void WriterLoop()
    {
        var batch = new List<WriteOp>();
        var results = new List<WriteResult>();
        var taken = new List<WriteOp>();
        while (Take(taken, options.MaxBatchSize, Timeout.Infinite, 1))
        {
            var next = revision + 1;
            var compactBefore = compactRevision;
            SqliteTransaction? transaction = null;
            var failed = false;
            try
            {
                ApplyTaken(taken, batch, results, ref transaction, ref next);

                // Group commit gathers the writers an acknowledgement just released: without this pause
                // they split into two cohorts that alternate between commits, each commit carrying half of
                // them (measured: 32 of 64 writers per fsync). Ops that arrive meanwhile are inserted at
                // once, so the pause overlaps with the batch's own work.
                var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * LingerMilliseconds / 1000);
                while (Math.Min(lingerTarget, options.MaxBatchSize) - batch.Count is var need and > 0
                    && Stopwatch.GetTimestamp() < deadline
                    && Take(taken, options.MaxBatchSize - batch.Count, LingerMilliseconds, Math.Min(need, LingerWakeChunk)))
                {
                    ApplyTaken(taken, batch, results, ref transaction, ref next);
                }

                if (transaction is not null)
                {
                    transaction.Commit();
                    commits++;
                }
            }
            catch (Exception ex)
            {
                // Any failure fails the whole batch (nothing of it is acknowledged) and keeps the writer alive.
                failed = true;
                RollBack(transaction);
                Volatile.Write(ref compactRevision, compactBefore);
                overlay.Clear();
                batchEvents.Clear();
                foreach (var op in batch)
                {
                    op.TrySetException(ex);
                }
            }
            finally
            {
                transaction?.Dispose();
            }

            if (!failed)
            {
                Publish(next - 1);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].TrySetResult(results[i]);
                }
            }

            lock (queueGate)
            {
                // Writers in flight: those just acknowledged (most come straight back) plus those already queued.
                lingerTarget = batch.Count + pending.Count;
            }

            batch.Clear();
            results.Clear();
        }
    }

    /// <summary>
    /// Moves up to <paramref name="room"/> queued ops into <paramref name="taken"/>; when fewer than
    /// <paramref name="minimum"/> are queued, first waits for them up to <paramref name="timeoutMilliseconds"/>.
    /// False when none came, or when the store stops with nothing left to write.
    /// </summary>
    private bool Take(List<WriteOp> taken, int room, int timeoutMilliseconds, int minimum)
    {
        taken.Clear();
        lock (queueGate)
        {
            if (pending.Count < minimum && !stopping)
            {
                wakeAt = minimum;
                if (timeoutMilliseconds == Timeout.Infinite)
                {
                    while (pending.Count == 0 && !stopping)
                    {
                        Monitor.Wait(queueGate);
                    }
                }
                else
                {
                    Monitor.Wait(queueGate, timeoutMilliseconds);
                }

                wakeAt = 1;
            }

            var count = Math.Min(pending.Count, room);
            taken.AddRange(CollectionsMarshal.AsSpan(pending)[..count]);
            pending.RemoveRange(0, count);
            return count > 0;
        }
    }

    private void ApplyTaken(List<WriteOp> taken, List<WriteOp> batch, List<WriteResult> results, ref SqliteTransaction? transaction, ref long next)
    {
        // All join the batch first, so a failure half-way still fails (completes) every one of them.
        batch.AddRange(taken);
        foreach (var op in taken)
        {
            results.Add(Apply(op, ref transaction, ref next));
        }
    }

    /// <summary>After a commit: the cache, the revision, the event ring, then live watchers, in that order.</summary>
    private void Publish(long committed)
    {
        foreach (var (key, meta) in overlay)
        {
            if (meta is { } live)
            {
                latest[key] = live;
            }
            else
            {
                latest.Remove(key);
            }
        }

        overlay.Clear();
        var events = CollectionsMarshal.AsSpan(batchEvents);
        Volatile.Write(ref revision, committed);
        recent.Append(events);
        hub.Publish(events, committed);
        batchEvents.Clear();
    }
}
