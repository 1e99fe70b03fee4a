using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// Upstream's AtomicWriter layout, so readers never see half an update: the files live in a hidden timestamped
/// directory (<c>..2026_11_22_10_04_05.123456789</c>), <c>..data</c> is a symlink to it, and every user-visible
/// top-level name is a symlink into <c>..data</c>. An update writes a new timestamped directory, points a fresh
/// <c>..data_tmp</c> link at it and renames that over <c>..data</c> (rename(2) is atomic), then removes
/// top-level names that left the payload and the old directory. Names starting with <c>..</c> are reserved.
/// Callers serialize writes to one directory.
/// </summary>
internal static class AtomicWriter
{
    public const string DataDirName = "..data";
    public const string NewDataDirName = "..data_tmp";

    private const int MaxFileNameLength = 255;
    private const int MaxPathLength = 4096;

    /// <summary>0755: group and other may traverse, as upstream chmods regardless of the umask.</summary>
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED;

    /// <summary>
    /// Projects <paramref name="payload"/> (relative path → file) into <paramref name="targetDir"/>, which must
    /// exist. Returns whether anything changed, or the payload error (nothing is written then).
    /// </summary>
    public static (bool Changed, string? Error) Write(string targetDir, IReadOnlyDictionary<string, FileProjection> payload, DateTimeOffset now)
    {
        var clean = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        foreach (var (path, file) in payload)
        {
            if (ValidatePath(path) is { } error)
            {
                return (false, error);
            }

            clean[Clean(path)] = file;
        }

        var dataDir = Path.Combine(targetDir, DataDirName);
        var oldTsName = new FileInfo(dataDir).LinkTarget;
        HashSet<string> toRemove = [];
        if (oldTsName is not null)
        {
            var oldTsDir = Path.Combine(targetDir, oldTsName);
            toRemove = PathsToRemove(clean, oldTsDir);
            if (toRemove.Count == 0 && !Differs(clean, oldTsDir))
            {
                return (false, null);
            }
        }

        var tsDir = NewTimestampDir(targetDir, now);
        WritePayload(clean, tsDir);
        CreateUserVisibleLinks(targetDir, clean);

        var newDataDir = Path.Combine(targetDir, NewDataDirName);
        if (new FileInfo(newDataDir).LinkTarget is not null)
        {
            File.Delete(newDataDir);
        }

        File.CreateSymbolicLink(newDataDir, Path.GetFileName(tsDir));
        if (LibC.Rename(newDataDir, dataDir) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            File.Delete(newDataDir);
            Directory.Delete(tsDir, recursive: true);
            throw new IOException($"rename {newDataDir} to {dataDir}: errno {errno}");
        }

        foreach (var path in toRemove)
        {
            // Only top-level names are links in the target directory; deeper paths went with the old directory.
            if (!path.Contains('/', StringComparison.Ordinal))
            {
                File.Delete(Path.Combine(targetDir, path));
            }
        }

        if (oldTsName is not null)
        {
            Directory.Delete(Path.Combine(targetDir, oldTsName), recursive: true);
        }

        return (true, null);
    }

    /// <summary>Upstream's validatePath: relative, no ".." element, not starting with "..", bounded lengths.</summary>
    public static string? ValidatePath(string path)
    {
        if (path.Length == 0)
        {
            return "invalid path: must not be empty: \"\"";
        }

        if (path.StartsWith('/'))
        {
            return $"invalid path: must be relative path: {path}";
        }

        if (path.Length > MaxPathLength)
        {
            return $"invalid path: must be less than or equal to {MaxPathLength} characters";
        }

        var items = path.Split('/');
        foreach (var item in items)
        {
            if (item == "..")
            {
                return $"invalid path: must not contain '..': {path}";
            }

            if (item.Length > MaxFileNameLength)
            {
                return $"invalid path: filenames must be less than or equal to {MaxFileNameLength} characters";
            }
        }

        return items[0].StartsWith("..", StringComparison.Ordinal) && items[0].Length > 2 ? $"invalid path: must not start with '..': {path}" : null;
    }

    /// <summary>Go's filepath.Clean for a relative path: no empty or "." elements, no trailing slash.</summary>
    private static string Clean(string path) =>
        string.Join('/', path.Split('/').Where(p => p.Length > 0 && p != "."));

    /// <summary>Relative paths (files and directories) of the old version that no payload path needs any more.</summary>
    private static HashSet<string> PathsToRemove(Dictionary<string, FileProjection> payload, string oldTsDir)
    {
        var old = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(oldTsDir))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(oldTsDir, "*", SearchOption.AllDirectories))
            {
                old.Add(Path.GetRelativePath(oldTsDir, entry));
            }
        }

        foreach (var file in payload.Keys)
        {
            // A kept file keeps every directory above it.
            for (var sub = file; sub.Length > 0; sub = Path.GetDirectoryName(sub) ?? "")
            {
                old.Remove(sub);
            }
        }

        return old;
    }

    /// <summary>Whether any file's bytes or mode differ from the old version (upstream compares bytes; a mode change counts here too).</summary>
    private static bool Differs(Dictionary<string, FileProjection> payload, string oldTsDir)
    {
        foreach (var (path, file) in payload)
        {
            var full = Path.Combine(oldTsDir, path);
            if (!File.Exists(full) || File.GetUnixFileMode(full) != (UnixFileMode)file.Mode || !File.ReadAllBytes(full).AsSpan().SequenceEqual(file.Data))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A fresh "..yyyy_MM_dd_HH_mm_ss.NNNNNNNNN" directory (Go's TempDir appends a random number), mode 0755.</summary>
    private static string NewTimestampDir(string targetDir, DateTimeOffset now)
    {
        var prefix = ".." + now.UtcDateTime.ToString("yyyy_MM_dd_HH_mm_ss.", CultureInfo.InvariantCulture);
        while (true)
        {
            var path = Path.Combine(targetDir, prefix + RandomNumberGenerator.GetInt32(1_000_000_000).ToString(CultureInfo.InvariantCulture));
            if (Directory.Exists(path))
            {
                continue;
            }

            var info = Directory.CreateDirectory(path);
            info.UnixFileMode = DirectoryMode;
            return path;
        }
    }

    private static void WritePayload(Dictionary<string, FileProjection> payload, string tsDir)
    {
        foreach (var (path, file) in payload)
        {
            var full = Path.Combine(tsDir, path);
            var parent = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(parent))
            {
                Directory.CreateDirectory(parent, DirectoryMode);
            }

            // Created with no permissions and then given its mode, so the umask never widens or narrows it and
            // the content is never readable under a broader mode than asked for.
            using (var stream = new FileStream(full, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserWrite }))
            {
                stream.Write(file.Data);
            }

            File.SetUnixFileMode(full, (UnixFileMode)file.Mode);
        }
    }

    /// <summary>Each top-level name of the payload becomes "name → ..data/name" unless a link is there already.</summary>
    private static void CreateUserVisibleLinks(string targetDir, Dictionary<string, FileProjection> payload)
    {
        foreach (var path in payload.Keys)
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? path : path[..slash];
            var visible = Path.Combine(targetDir, name);
            if (new FileInfo(visible).LinkTarget is null)
            {
                File.CreateSymbolicLink(visible, DataDirName + "/" + name);
            }
        }
    }
}
