using FastKube.Storage.Watching;

namespace FastKube.Storage.Memory;

/// <summary>
/// A faithful in-memory model of <see cref="IStore"/>: full MVCC history per key until compaction,
/// an event log for watches from old revisions, one lock for all state. Used by tests and by hollow
/// clusters; nothing survives the process.
/// </summary>
public sealed partial class InMemoryStore : IStore
{
    /// <summary>Default events buffered per watcher (etcd's per-watcher channel holds 128; a list burst needs more).</summary>
    public const int DefaultWatchCapacity = 1024;

    private readonly Lock gate = new();

    // Every version of every key not yet compacted away, oldest first; a null Kv is a deletion.
    private readonly Dictionary<string, List<KeyVersion>> keys = new(StringComparer.Ordinal);
    private readonly SortedSet<string> sorted = new(StringComparer.Ordinal);

    // log[i] is the event of revision logStart + i.
    private readonly List<WatchEvent> log = [];
    private readonly WatchHub hub;
    private long logStart = Revisions.Initial + 1;
    private long revision = Revisions.Initial;
    private long compactRevision;
    private bool disposed;

    /// <param name="watchCapacity">Events buffered per watcher before it is ended as too slow.</param>
    public InMemoryStore(int watchCapacity = DefaultWatchCapacity)
    {
        hub = new WatchHub(revision, ReadHistory, watchCapacity);
    }

    /// <inheritdoc/>
    public long CurrentRevision => Volatile.Read(ref revision);

    /// <inheritdoc/>
    public long CompactRevision => Volatile.Read(ref compactRevision);

    /// <inheritdoc/>
    public ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var status = StoreLimits.ValidatePut(key, value);
        if (status != StoreStatus.Ok)
        {
            return new(WriteResult.Failed(status, CurrentRevision));
        }

        var bytes = value.ToArray();
        lock (gate)
        {
            ThrowIfDisposed();
            var versions = VersionsOf(key);
            if (Latest(versions) is { } existing)
            {
                return new(WriteResult.Failed(StoreStatus.AlreadyExists, revision, existing));
            }

            var rev = revision + 1;
            var kv = new KeyValue(key, bytes, rev, rev, 1);
            Commit(versions, kv, new WatchEvent(WatchEventType.Created, rev, kv, null));
            return new(new WriteResult(StoreStatus.Ok, rev, kv, null));
        }
    }

    /// <inheritdoc/>
    public ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        var status = StoreLimits.ValidatePut(key, value);
        if (status == StoreStatus.Ok && expectedModRevision < 0)
        {
            status = StoreStatus.InvalidArgument;
        }

        if (status != StoreStatus.Ok)
        {
            return new(WriteResult.Failed(status, CurrentRevision));
        }

        var bytes = value.ToArray();
        lock (gate)
        {
            ThrowIfDisposed();
            if (!keys.TryGetValue(key, out var versions) || Latest(versions) is not { } previous)
            {
                return new(WriteResult.Failed(StoreStatus.NotFound, revision));
            }

            if (expectedModRevision != 0 && previous.ModRevision != expectedModRevision)
            {
                return new(WriteResult.Failed(StoreStatus.Conflict, revision, previous));
            }

            var rev = revision + 1;
            var kv = new KeyValue(key, bytes, previous.CreateRevision, rev, previous.Version + 1);
            Commit(versions, kv, new WatchEvent(WatchEventType.Updated, rev, kv, previous));
            return new(new WriteResult(StoreStatus.Ok, rev, kv, previous));
        }
    }

    /// <inheritdoc/>
    public ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        var status = StoreLimits.ValidateKey(key);
        if (status == StoreStatus.Ok && expectedModRevision < 0)
        {
            status = StoreStatus.InvalidArgument;
        }

        if (status != StoreStatus.Ok)
        {
            return new(WriteResult.Failed(status, CurrentRevision));
        }

        lock (gate)
        {
            ThrowIfDisposed();
            if (!keys.TryGetValue(key, out var versions) || Latest(versions) is not { } previous)
            {
                return new(WriteResult.Failed(StoreStatus.NotFound, revision));
            }

            if (expectedModRevision != 0 && previous.ModRevision != expectedModRevision)
            {
                return new(WriteResult.Failed(StoreStatus.Conflict, revision, previous));
            }

            var rev = revision + 1;
            Commit(versions, null, new WatchEvent(WatchEventType.Deleted, rev, previous, previous));
            return new(new WriteResult(StoreStatus.Ok, rev, null, previous));
        }
    }

    /// <inheritdoc/>
    public ValueTask<CompactResult> CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            var status = Revisions.CheckCompact(revision, this.revision, compactRevision);
            if (status != StoreStatus.Ok)
            {
                return new(new CompactResult(status, compactRevision, this.revision));
            }

            Volatile.Write(ref compactRevision, revision);
            if (revision > logStart)
            {
                log.RemoveRange(0, (int)(revision - logStart));
                logStart = revision;
            }

            List<string>? emptied = null;
            foreach (var (key, versions) in keys)
            {
                if (CompactVersions(versions, revision))
                {
                    (emptied ??= []).Add(key);
                }
            }

            foreach (var key in emptied ?? [])
            {
                keys.Remove(key);
                sorted.Remove(key);
            }

            return new(new CompactResult(StoreStatus.Ok, revision, this.revision));
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            disposed = true;
        }

        hub.Close();
        return ValueTask.CompletedTask;
    }

    private List<KeyVersion> VersionsOf(string key)
    {
        if (!keys.TryGetValue(key, out var versions))
        {
            versions = [];
            keys.Add(key, versions);
            sorted.Add(key);
        }

        return versions;
    }

    /// <summary>Appends one write: the key's version, the log, the revision, then live watchers.</summary>
    private void Commit(List<KeyVersion> versions, KeyValue? kv, WatchEvent e)
    {
        versions.Add(new KeyVersion(e.Revision, kv));
        log.Add(e);
        Volatile.Write(ref revision, e.Revision);
        hub.Publish(new ReadOnlySpan<WatchEvent>(in e), e.Revision);
    }

    /// <summary>
    /// Keeps every version at or above <paramref name="revision"/> plus the newest older one when it is
    /// live (reads at the compaction revision and PrevKv of later events need it). Returns whether the key is gone.
    /// </summary>
    private static bool CompactVersions(List<KeyVersion> versions, long revision)
    {
        var newestOlder = -1;
        for (var i = 0; i < versions.Count && versions[i].Revision < revision; i++)
        {
            newestOlder = i;
        }

        if (newestOlder >= 0)
        {
            var keepNewestOlder = versions[newestOlder].Kv is not null;
            versions.RemoveRange(0, keepNewestOlder ? newestOlder : newestOlder + 1);
        }

        return versions.Count == 0;
    }

    private static KeyValue? Latest(List<KeyVersion> versions) => versions.Count == 0 ? null : versions[^1].Kv;

    private static KeyValue? At(List<KeyVersion> versions, long revision)
    {
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (versions[i].Revision <= revision)
            {
                return versions[i].Kv;
            }
        }

        return null;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    private readonly record struct KeyVersion(long Revision, KeyValue? Kv);
}
