using System.Text;

namespace FastKube.Storage.Sqlite.CrashWriter;

/// <summary>The value the crash writer stores for a key at a version (a few hundred bytes, key-derived).</summary>
public static class CrashValue
{
    public static byte[] For(string key, long version) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"{key}@{version};", 16)));
}
