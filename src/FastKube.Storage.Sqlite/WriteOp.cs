namespace FastKube.Storage.Sqlite;

internal enum WriteKind
{
    Create,
    Update,
    Delete,
    Compact,
}

/// <summary>
/// One queued write; the writer thread completes it after its batch commits. For
/// <see cref="WriteKind.Compact"/> the result's revision is the compaction revision.
/// </summary>
internal sealed class WriteOp(WriteKind kind, string key, byte[] value, long revision)
    : TaskCompletionSource<WriteResult>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public WriteKind Kind { get; } = kind;

    public string Key { get; } = key;

    public byte[] Value { get; } = value;

    /// <summary>Expected mod revision (update, delete) or target revision (compact).</summary>
    public long Revision { get; } = revision;
}
