namespace FastKube.Storage;

/// <summary>
/// One version of a key, immutable and shareable (watch fan-out hands the same instance to every
/// watcher). Mirrors etcd's <c>mvccpb.KeyValue</c> without leases.
/// </summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value bytes; the store owns them, callers must not mutate the backing array.</param>
/// <param name="CreateRevision">Revision of the write that created this incarnation of the key.</param>
/// <param name="ModRevision">Revision of the write that produced this version.</param>
/// <param name="Version">Writes since creation: 1 on create, +1 per update; a re-created key starts again at 1.</param>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision, long Version);
