namespace FastKube.Storage.Sqlite;

/// <summary>
/// The SQL of the backend. The table is kine's log: one row per write, the row id is the revision,
/// a deletion is a row with <c>deleted = 1</c>; <c>prev_revision</c> points at the row holding the
/// value the write replaced (0 for a create), which gives watch events their previous value.
/// </summary>
internal static class Schema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS kv (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            version INTEGER NOT NULL,
            value BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id);
        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        """;

    /// <summary>
    /// Writer pragmas. WAL lets readers run beside the single writer; <c>synchronous = FULL</c> fsyncs the
    /// WAL at every commit, so an acknowledged write survives power loss, not only a process crash.
    /// </summary>
    public const string WriterPragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA temp_store = MEMORY;
        PRAGMA cache_size = -16384;
        """;

    public const string ReaderPragmas = """
        PRAGMA query_only = ON;
        PRAGMA cache_size = -8192;
        """;

    public const string CurrentRevision = "SELECT COALESCE(MAX(id), 1) FROM kv";

    public const string ReadCompactRevision = "SELECT value FROM meta WHERE name = 'compact_revision'";

    public const string WriteCompactRevision =
        "INSERT INTO meta (name, value) VALUES ('compact_revision', $rev) ON CONFLICT (name) DO UPDATE SET value = excluded.value";

    public const string Insert = """
        INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, version, value)
        VALUES ($id, $name, $created, $deleted, $create_revision, $prev_revision, $version, $value)
        """;

    /// <summary>The latest live row of every key: the writer's cache, loaded once at open.</summary>
    public const string LoadLatest = """
        SELECT k.name, k.create_revision, k.id, k.version
        FROM kv k JOIN (SELECT MAX(id) AS id FROM kv GROUP BY name) m ON k.id = m.id
        WHERE k.deleted = 0
        """;

    public const string Get = """
        SELECT value, create_revision, id, version, deleted FROM kv
        WHERE name = $name AND id <= $rev ORDER BY id DESC LIMIT 1
        """;

    /// <summary>
    /// Drops rows below the compaction revision except each key's newest older row when it is live: reads at
    /// the compaction revision and the previous value of later events still need that row.
    /// </summary>
    public const string Compact = """
        DELETE FROM kv WHERE id < $rev AND (deleted = 1 OR EXISTS (
            SELECT 1 FROM kv n WHERE n.name = kv.name AND n.id > kv.id AND n.id < $rev))
        """;

    /// <summary>History for watch catch-up, each row joined with the row it replaced.</summary>
    public static string History(bool bounded) => $"""
        SELECT k.id, k.name, k.deleted, k.create_revision, k.version, k.value,
               p.id, p.create_revision, p.version, p.value
        FROM kv k LEFT JOIN kv p ON p.id = k.prev_revision
        WHERE k.id >= $from AND k.id <= $to AND k.name >= $start {(bounded ? "AND k.name < $end" : "")}
        ORDER BY k.id LIMIT $max
        """;

    /// <summary>Live keys of a range at a revision (kine's list query), or their count.</summary>
    public static string Range(bool exclusiveStart, bool bounded, bool count)
    {
        var latest = $"""
            SELECT MAX(id) AS id FROM kv
            WHERE name {(exclusiveStart ? ">" : ">=")} $start {(bounded ? "AND name < $end" : "")} AND id <= $rev
            GROUP BY name
            """;
        return count
            ? $"SELECT COUNT(*) FROM kv k JOIN ({latest}) m ON k.id = m.id WHERE k.deleted = 0"
            : $"""
                SELECT k.name, k.value, k.create_revision, k.id, k.version
                FROM kv k JOIN ({latest}) m ON k.id = m.id
                WHERE k.deleted = 0 ORDER BY k.name LIMIT $limit
                """;
    }
}
