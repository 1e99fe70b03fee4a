using System.Runtime.InteropServices;

namespace FastKube.NodeAgent.Volumes;

/// <summary>
/// The libc calls volumes need that .NET lacks: tmpfs mounts, lazy unmount, rename(2) of a symlink over
/// another (the atomic writer's swap; File.Move checks the target's type first), and statx for the file
/// type of a hostPath (socket, character and block devices are invisible to FileSystemInfo).
/// </summary>
internal static partial class LibC
{
    /// <summary>umount2 flag: detach now, finish when no longer busy.</summary>
    public const int MNT_DETACH = 2;

    private const int AT_FDCWD = -100;
    private const uint STATX_TYPE = 1;

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mount(string source, string target, string fileSystemType, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    /// <summary>
    /// The S_IFMT bits of <paramref name="path"/>'s mode, following symlinks as upstream's os.Stat does; null
    /// when it cannot be read. struct statx has one layout on every architecture: stx_mode is the u16 at 28.
    /// </summary>
    public static unsafe int? FileType(string path)
    {
        byte* buffer = stackalloc byte[256];
        if (Statx(AT_FDCWD, path, 0, STATX_TYPE, buffer) != 0)
        {
            return null;
        }

        return *(ushort*)(buffer + 28) & 0xF000;
    }
}
