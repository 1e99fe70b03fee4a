using System.Collections.Concurrent;

namespace FastKube.Controllers.Common;

/// <summary>
/// Upstream's ControllerExpectations: before a controller issues N creates or deletes for a key it records
/// them here, each informer event it then sees lowers the count, and the key is synced again only once
/// every expected event arrived (or after five minutes, in case an event was lost). This is what keeps a
/// controller from creating the same pods twice while its cache has not caught up with its own writes.
/// </summary>
internal sealed class Expectations(TimeProvider time)
{
    /// <summary>Upstream's ExpectationsTimeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public void Expect(string key, int creates, int deletes) =>
        _entries[key] = new Entry(creates, deletes, time.GetUtcNow());

    public void Created(string key) => Lower(key, creates: 1, deletes: 0);

    public void Deleted(string key) => Lower(key, creates: 0, deletes: 1);

    /// <summary>True when nothing is outstanding for the key, or what was expected is too old to wait for.</summary>
    public bool Satisfied(string key) =>
        !_entries.TryGetValue(key, out var entry)
        || (Volatile.Read(ref entry.Creates) <= 0 && Volatile.Read(ref entry.Deletes) <= 0)
        || time.GetUtcNow() - entry.Since > Timeout;

    public void Forget(string key) => _entries.TryRemove(key, out _);

    private void Lower(string key, int creates, int deletes)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            Interlocked.Add(ref entry.Creates, -creates);
            Interlocked.Add(ref entry.Deletes, -deletes);
        }
    }

    private sealed class Entry(int creates, int deletes, DateTimeOffset since)
    {
        public int Creates = creates;
        public int Deletes = deletes;

        public DateTimeOffset Since { get; } = since;
    }
}
