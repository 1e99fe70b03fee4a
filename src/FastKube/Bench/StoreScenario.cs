using System.Diagnostics;
using System.Globalization;
using FastKube.Storage;
using FastKube.Storage.Memory;
using FastKube.Storage.Sqlite;

namespace FastKube.Bench;

/// <summary>
/// The store under write load: 64 concurrent writers create distinct 1 KiB objects durably, against
/// SQLite with group commit, SQLite with one transaction per write (same schema, pragmas and writer;
/// group commit off) and the in-memory store; then the grouped SQLite load again with one watcher
/// counting the events it receives.
/// </summary>
internal sealed class StoreScenario : IBenchScenario
{
    /// <summary>Concurrent writers, as many as an API server under a busy controller manager keeps in flight.</summary>
    private const int Writers = 64;

    /// <summary>1 KiB: the order of a small Pod or ConfigMap in its stored encoding.</summary>
    private const int ValueBytes = 1024;

    public string Name => "store";

    public string Description => "64 writers creating 1 KiB objects: SQLite group commit vs one transaction per write vs memory, and watch fan-out under load";

    public async Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var phase = context.Quick ? TimeSpan.FromMilliseconds(400) : TimeSpan.FromSeconds(5);
        var report = new BenchReport();
        report.Notes["writers"] = Writers.ToString(CultureInfo.InvariantCulture);
        report.Notes["value_bytes"] = ValueBytes.ToString(CultureInfo.InvariantCulture);
        report.Notes["phase_seconds"] = phase.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        report.Notes["processors"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        report.Notes["sqlite"] = "WAL, synchronous=FULL (every acknowledged write fsynced)";

        Record(report, context, "sqlite", await WithSqliteAsync(context, "grouped", groupCommit: true, store => LoadAsync(store, phase, cancellationToken)).ConfigureAwait(false));
        Record(report, context, "sqlite_naive", await WithSqliteAsync(context, "naive", groupCommit: false, store => LoadAsync(store, phase, cancellationToken)).ConfigureAwait(false));
        await using (var store = new InMemoryStore())
        {
            Record(report, context, "memory", await LoadAsync(store, phase, cancellationToken).ConfigureAwait(false));
        }

        await WithSqliteAsync(context, "watched", groupCommit: true, async store =>
        {
            await WatchedLoadAsync(store, phase, report, context, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

        if (report.Figures["sqlite_naive_creates_per_s"] > 0)
        {
            report.Figures["sqlite_group_commit_speedup"] = report.Figures["sqlite_creates_per_s"] / report.Figures["sqlite_naive_creates_per_s"];
        }

        return report;
    }

    /// <summary>Durable creates per second on a fresh SQLite store with group commit: the raw figure other scenarios report beside their own.</summary>
    internal static async Task<double> SqliteCreatesPerSecondAsync(BenchContext context, TimeSpan phase, CancellationToken cancellationToken)
    {
        var run = await WithSqliteAsync(context, "reference", groupCommit: true, store => LoadAsync(store, phase, cancellationToken)).ConfigureAwait(false);
        return run.Creates / run.Stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="body"/> against a fresh database in the work directory and deletes it afterwards.</summary>
    private static async Task<T> WithSqliteAsync<T>(BenchContext context, string name, bool groupCommit, Func<SqliteStore, Task<T>> body)
    {
        var path = Path.Combine(context.WorkDirectory, $"store-{name}.db");
        DeleteDatabase(path);
        var options = new SqliteStoreOptions { Path = path };
        if (!groupCommit)
        {
            options = options with { MaxBatchSize = 1 };
        }

        try
        {
            await using var store = SqliteStore.Open(options);
            return await body(store).ConfigureAwait(false);
        }
        finally
        {
            DeleteDatabase(path);
        }
    }

    /// <summary>Removes a database with its WAL and shared-memory files (a 5 s phase leaves ~100 MB).</summary>
    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static async Task WatchedLoadAsync(SqliteStore store, TimeSpan phase, BenchReport report, BenchContext context, CancellationToken cancellationToken)
    {
        var watch = (await store.WatchAsync(KeyRange.Prefix("/bench/"), 0, cancellationToken).ConfigureAwait(false)).Watch!;
        var received = 0L;
        var clock = Stopwatch.StartNew();
        var reader = Task.Run(async () =>
        {
            await foreach (var _ in watch.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                received++;
            }
        }, CancellationToken.None);

        var run = await LoadAsync(store, phase, cancellationToken).ConfigureAwait(false);

        // The watcher's clock runs until it has drained what the load left buffered.
        while (watch.End == WatchEnd.Running && Volatile.Read(ref received) < run.Creates)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = clock.Elapsed;
        await watch.DisposeAsync().ConfigureAwait(false);
        await reader.ConfigureAwait(false);
        report.Figures["watch_events_per_s"] = received / elapsed.TotalSeconds;
        report.Notes["watch_events"] = received.ToString(CultureInfo.InvariantCulture);
        report.Notes["watch_end"] = watch.End == WatchEnd.Cancelled ? "kept up" : watch.End.ToString();
        report.Notes["watch_load_creates"] = run.Creates.ToString(CultureInfo.InvariantCulture);
        context.Log.WriteLine($"store: watcher received {received} events of {run.Creates} creates in {elapsed.TotalSeconds:F2}s");
    }

    private static void Record(BenchReport report, BenchContext context, string name, LoadRun run)
    {
        var seconds = run.Stopwatch.Elapsed.TotalSeconds;
        report.Figures[$"{name}_creates_per_s"] = run.Creates / seconds;
        report.Notes[$"{name}_creates"] = run.Creates.ToString(CultureInfo.InvariantCulture);
        report.Notes[$"{name}_seconds"] = seconds.ToString("F3", CultureInfo.InvariantCulture);
        context.Log.WriteLine($"store: {name}: {run.Creates} creates in {seconds:F2}s = {run.Creates / seconds:F0}/s");
    }

    /// <summary>Runs <see cref="Writers"/> create loops for <paramref name="duration"/>; the clock stops when the last in-flight write is acknowledged.</summary>
    private static async Task<LoadRun> LoadAsync(IStore store, TimeSpan duration, CancellationToken cancellationToken)
    {
        var value = new byte[ValueBytes];
        Random.Shared.NextBytes(value);
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var created = 0L;
            // The clock, not a timer: against the in-memory store every create completes synchronously,
            // so the writers occupy all pool threads and a timer callback would fire late.
            while (stopwatch.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var result = await store.CreateAsync($"/bench/{w}/{created}", value, CancellationToken.None).ConfigureAwait(false);
                if (result.Status != StoreStatus.Ok)
                {
                    throw new InvalidOperationException($"bench create failed: {result.Status}");
                }

                created++;
            }

            return created;
        }, CancellationToken.None))).ConfigureAwait(false);
        stopwatch.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        return new LoadRun(counts.Sum(), stopwatch);
    }

    private sealed record LoadRun(long Creates, Stopwatch Stopwatch);
}
