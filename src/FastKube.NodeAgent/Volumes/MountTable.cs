using System.Text;

namespace FastKube.NodeAgent.Volumes;

/// <summary>Mount points of this process's mount namespace, from /proc/self/mountinfo.</summary>
internal static class MountTable
{
    /// <summary>Mount points at or below <paramref name="directory"/>, deepest first (the order to unmount them in).</summary>
    public static List<string> MountPointsUnder(string directory)
    {
        var prefix = directory.TrimEnd('/');
        var found = new List<string>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/self/mountinfo");
        }
        catch (IOException)
        {
            return found;
        }

        foreach (var line in lines)
        {
            var point = ParseMountPoint(line);
            if (point is not null && (point == prefix || point.StartsWith(prefix + "/", StringComparison.Ordinal)))
            {
                found.Add(point);
            }
        }

        found.Sort((a, b) => b.Length.CompareTo(a.Length));
        return found;
    }

    /// <summary>The fifth field of a mountinfo line, with the kernel's octal escapes (\040 for space) undone.</summary>
    public static string? ParseMountPoint(string line)
    {
        var fields = line.Split(' ');
        if (fields.Length < 5)
        {
            return null;
        }

        var raw = fields[4];
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 3 < raw.Length && IsOctal(raw[i + 1]) && IsOctal(raw[i + 2]) && IsOctal(raw[i + 3]))
            {
                text.Append((char)(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(raw[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
