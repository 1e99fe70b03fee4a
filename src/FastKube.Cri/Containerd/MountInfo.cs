using System.Text;

namespace FastKube.Cri.Containerd;

/// <summary>
/// The mount table of this process's mount namespace (/proc/self/mountinfo): what the containerd cleanup and
/// the node agent's volume teardown unmount before deleting a directory.
/// </summary>
public static class MountInfo
{
    /// <summary>Mount points from /proc/self/mountinfo (field 5, octal escapes decoded) at or below a directory.</summary>
    public static List<string> MountPointsUnder(string directory, string mountInfoPath = "/proc/self/mountinfo")
    {
        string prefix = directory.TrimEnd('/') + "/";
        var result = new List<string>();
        foreach (string line in File.ReadLines(mountInfoPath))
        {
            string[] fields = line.Split(' ');
            if (fields.Length > 4)
            {
                string mountPoint = Decode(fields[4]);
                if (mountPoint == directory.TrimEnd('/') || mountPoint.StartsWith(prefix, StringComparison.Ordinal))
                {
                    result.Add(mountPoint);
                }
            }
        }

        return result;
    }

    /// <summary>mountinfo writes space, tab, newline and backslash as \ooo octal.</summary>
    public static string Decode(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var bytes = new List<byte>(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                bytes.Add((byte)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field.Substring(i, 1)));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
