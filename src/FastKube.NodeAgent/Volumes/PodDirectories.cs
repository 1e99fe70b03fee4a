using System.Runtime.InteropServices;
using FastKube.Cri.Containerd;

namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// The kubelet's on-disk layout of pod volumes, <c>{rootDirectory}/pods/{podUid}/volumes/{plugin}/{volume}</c>
/// with upstream's plugin directory names (the plugin name with '/' escaped as '~'), and their removal.
/// </summary>
internal static class PodDirectories
{
    public const string EmptyDir = "kubernetes.io~empty-dir";
    public const string ConfigMap = "kubernetes.io~configmap";
    public const string Secret = "kubernetes.io~secret";
    public const string DownwardApi = "kubernetes.io~downward-api";
    public const string Projected = "kubernetes.io~projected";

    /// <summary>Upstream's pods directory mode: only root (the kubelet) may enter, so no host user reads a pod's volumes.</summary>
    public const UnixFileMode PodsDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public static string PodsRoot(string rootDirectory) => Path.Combine(rootDirectory, "pods");

    public static string Pod(string rootDirectory, string podUid) => Path.Combine(PodsRoot(rootDirectory), podUid);

    public static string Volume(string rootDirectory, string podUid, string plugin, string volumeName) =>
        Path.Combine(Pod(rootDirectory, podUid), "volumes", plugin, volumeName);

    /// <summary>
    /// Unmounts whatever is mounted below <paramref name="podDirectory"/> (memory-backed volumes), then deletes the
    /// tree without following a symlink and without entering a mount point that is still there; returns what
    /// could not be removed (empty when the directory is gone).
    /// </summary>
    public static List<string> Remove(string podDirectory)
    {
        var problems = new List<string>();
        if (!Directory.Exists(podDirectory))
        {
            return problems;
        }

        foreach (var mount in MountInfo.MountPointsUnder(podDirectory).OrderByDescending(m => m.Length))
        {
            if (LibC.Umount2(mount, LibC.MNT_DETACH) != 0)
            {
                problems.Add($"umount {mount}: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        var stillMounted = new HashSet<string>(MountInfo.MountPointsUnder(podDirectory), StringComparer.Ordinal);
        DeleteTree(podDirectory, stillMounted, problems);
        return problems;
    }

    /// <summary>Deletes children first; a symlink is unlinked (never followed), a mount point is left alone.</summary>
    private static void DeleteTree(string directory, HashSet<string> mounts, List<string> problems)
    {
        if (mounts.Contains(directory.TrimEnd('/')))
        {
            problems.Add($"{directory} is still a mount point; left in place");
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            try
            {
                if (entry.LinkTarget is not null || entry is not DirectoryInfo)
                {
                    // unlink(2): removes the link itself whatever it points to.
                    File.Delete(entry.FullName);
                }
                else
                {
                    DeleteTree(entry.FullName, mounts, problems);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{entry.FullName}: {e.Message}");
            }
        }

        try
        {
            Directory.Delete(directory, recursive: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{directory}: {e.Message}");
        }
    }
}
