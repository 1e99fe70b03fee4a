using System.Runtime.ExceptionServices;
using FastKube.Netlink.Interop;

namespace FastKube.Netlink;

/// <summary>
/// Runs code inside a network namespace. setns(CLONE_NEWNET) changes only the calling thread, and a socket
/// stays in the namespace it was created in, so the code runs on a fresh thread that enters the namespace
/// and then ends; sockets it opens keep working from any thread afterwards.
/// </summary>
public static class NetworkNamespace
{
    /// <summary>Where <c>ip netns add NAME</c> bind-mounts a named namespace.</summary>
    public const string NamedDirectory = "/var/run/netns";

    /// <summary>A namespace path: an absolute path (e.g. <c>/proc/PID/ns/net</c>) or a name under /var/run/netns.</summary>
    public static string PathOf(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        return nameOrPath.StartsWith('/') ? nameOrPath : Path.Combine(NamedDirectory, nameOrPath);
    }

    public static T Run<T>(string nameOrPath, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        string path = PathOf(nameOrPath);
        return OnThread("netns " + nameOrPath, () => Enter(path), action);
    }

    /// <summary>
    /// Runs <paramref name="action"/> in a new, unnamed network namespace (unshare(CLONE_NEWNET) on a fresh
    /// thread). Nothing but the sockets the action opens keeps the namespace alive: it vanishes with the last
    /// of them, so benchmarks and tests leave nothing behind.
    /// </summary>
    public static T RunInNew<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OnThread("new netns", () =>
        {
            if (LibC.Unshare(LibC.CloneNewNet) != 0)
            {
                NetlinkThrow.Syscall("unshare(CLONE_NEWNET)", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
            }
        }, action);
    }

    private static T OnThread<T>(string name, Action enter, Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                enter();
                result = action();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    public static void Run(string nameOrPath, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run(nameOrPath, () =>
        {
            action();
            return 0;
        });
    }

    private static void Enter(string path)
    {
        int fd = LibC.Open(path, LibC.OpenReadOnly | LibC.OpenCloexec);
        if (fd < 0)
        {
            NetlinkThrow.Syscall($"open({path})", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }

        try
        {
            if (LibC.SetNs(fd, LibC.CloneNewNet) != 0)
            {
                NetlinkThrow.Syscall($"setns({path})", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }
}
