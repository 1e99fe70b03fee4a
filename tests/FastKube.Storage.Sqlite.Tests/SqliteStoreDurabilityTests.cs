using System.Diagnostics;
using FastKube.Storage.Sqlite.CrashWriter;
using Microsoft.Data.Sqlite;

namespace FastKube.Storage.Sqlite.Tests;

/// <summary>
/// Durability against a real crash: a child process writes with many concurrent writers and prints
/// each acknowledged write; the test SIGKILLs it mid-load, reopens the database and checks that every
/// acknowledged write is there, revisions are contiguous and no row is torn.
/// </summary>
public sealed class SqliteStoreDurabilityTests : IDisposable
{
    private readonly TempDatabase temp = new();

    [Theory]
    [InlineData(50)]
    [InlineData(700)]
    [InlineData(3000)]
    public async Task Open_AfterWriterKilledMidLoad_KeepsEveryAcknowledgedWrite(int acknowledgementsBeforeKill)
    {
        var path = temp.NewPath();
        var acknowledged = await RunAndKillWriterAsync(path, writers: 32, acknowledgementsBeforeKill);
        Assert.True(acknowledged.Count >= acknowledgementsBeforeKill);

        await using var store = SqliteStore.Open(new SqliteStoreOptions { Path = path });

        foreach (var ack in acknowledged)
        {
            var stored = await store.GetAsync(ack.Key, ack.Revision);
            Assert.Equal(StoreStatus.Ok, stored.Status);
            Assert.Equal(ack.Revision, stored.Kv!.ModRevision);
            Assert.Equal(ack.Version, stored.Kv.Version);
            Assert.Equal(CrashValue.For(ack.Key, ack.Version), stored.Kv.Value.ToArray());
        }

        Assert.True(store.CurrentRevision >= acknowledged.Max(a => a.Revision));
        AssertRowsContiguousAndWhole(path, store.CurrentRevision);

        // The reopened store carries on from the recovered revision.
        var next = await store.CreateAsync("/after-crash", "x"u8.ToArray());
        Assert.Equal(store.CurrentRevision, next.Revision);
    }

    private static void AssertRowsContiguousAndWhole(string path, long currentRevision)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, version, value FROM kv ORDER BY id";
        using var reader = command.ExecuteReader();
        var expected = 2L;
        while (reader.Read())
        {
            Assert.Equal(expected++, reader.GetInt64(0));
            var key = reader.GetString(1);
            Assert.Equal(CrashValue.For(key, reader.GetInt64(2)), (byte[])reader.GetValue(3));
        }

        Assert.Equal(currentRevision, expected - 1);
    }

    private static async Task<List<Acknowledgement>> RunAndKillWriterAsync(string path, int writers, int killAfter)
    {
        var writerDll = Path.Combine(AppContext.BaseDirectory, "FastKube.Storage.Sqlite.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writerDll);
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(writers.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var acknowledged = new List<Acknowledgement>();

        // A bound, not a performance assert: the writer needs well under a second for 3000 writes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (acknowledged.Count < killAfter)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    Assert.Fail($"crash writer exited early: {await errors}");
                }

                if (Acknowledgement.TryParse(line!, out var ack))
                {
                    acknowledged.Add(ack);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }

        // Acknowledgements already printed before the kill count too; a torn last line is not one.
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Acknowledgement.TryParse(line, out var ack))
            {
                acknowledged.Add(ack);
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        return acknowledged;
    }

    public void Dispose() => temp.Dispose();

    private readonly record struct Acknowledgement(string Key, long Revision, long Version)
    {
        public static bool TryParse(string line, out Acknowledgement ack)
        {
            var parts = line.Split(' ');
            if (parts is ["ack", var key, var revision, var version, "end"]
                && long.TryParse(revision, out var rev) && long.TryParse(version, out var ver))
            {
                ack = new Acknowledgement(key, rev, ver);
                return true;
            }

            ack = default;
            return false;
        }
    }
}
