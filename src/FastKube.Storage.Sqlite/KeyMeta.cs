namespace FastKube.Storage.Sqlite;

/// <summary>
/// What the writer caches per live key: enough for create/CAS decisions without I/O. Values stay on
/// disk (a rowid lookup fetches one when an update or delete needs the previous value), so memory
/// grows with the number of keys, not with their size.
/// </summary>
internal readonly record struct KeyMeta(long CreateRevision, long ModRevision, long Version);
