using System.Runtime.InteropServices;

namespace FastKube.Cri.Containerd;

/// <summary>The two libc calls .NET lacks: sending a chosen signal, and lazy unmount.</summary>
internal static partial class LibC
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    /// <summary>umount2 flag: detach now, finish when no longer busy.</summary>
    public const int MNT_DETACH = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);
}
