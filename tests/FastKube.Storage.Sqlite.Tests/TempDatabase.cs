namespace FastKube.Storage.Sqlite.Tests;

/// <summary>A scratch directory for database files, deleted with the test class.</summary>
internal sealed class TempDatabase : IDisposable
{
    private int next;

    public TempDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fastkube-sqlite-").FullName;
    }

    public string Directory { get; }

    public string NewPath() => Path.Combine(Directory, $"store-{Interlocked.Increment(ref next)}.db");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a killed child process; the OS temp cleaner takes it.
        }
    }
}
