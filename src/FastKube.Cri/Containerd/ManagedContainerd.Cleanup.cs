using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace FastKube.Cri.Containerd;

/// <summary>
/// Tearing an instance down completely (tests, throwaway benchmark runs): pods through CRI first, then,
/// once containerd is gone, whatever a failed test could have left behind on the host.
/// </summary>
public sealed partial class ManagedContainerd
{
    private static readonly TimeSpan RemoveAllTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Stops and removes every pod sandbox (and so every container) through CRI. Best effort; problems land in <see cref="CleanupWarnings"/>.</summary>
    public async Task RemoveAllPodsAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RemoveAllTimeout);
        try
        {
            foreach (var container in await Runtime.ListContainersAsync(cancellationToken: timeout.Token).ConfigureAwait(false))
            {
                await TryAsync($"remove container {container.Id}", () => Runtime.RemoveContainerAsync(container.Id, timeout.Token)).ConfigureAwait(false);
            }

            foreach (var sandbox in await Runtime.ListPodSandboxAsync(cancellationToken: timeout.Token).ConfigureAwait(false))
            {
                await TryAsync($"stop sandbox {sandbox.Id}", () => Runtime.StopPodSandboxAsync(sandbox.Id, timeout.Token)).ConfigureAwait(false);
                await TryAsync($"remove sandbox {sandbox.Id}", () => Runtime.RemovePodSandboxAsync(sandbox.Id, timeout.Token)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is FastKube.Grpc.RpcException or OperationCanceledException)
        {
            _cleanupWarnings.Add($"listing pods to remove: {exception.Message}");
        }
    }

    private async Task TryAsync(string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FastKube.Grpc.RpcException or OperationCanceledException)
        {
            _cleanupWarnings.Add($"{what}: {exception.Message}");
        }
    }

    /// <summary>After containerd stopped: kill leftover tasks, unmount, delete the bridge, CNI cache entries and the directory.</summary>
    private void DeleteHostState()
    {
        KillLeftoverTasks();
        UnmountAllUnder(Layout.BaseDirectory);
        DeleteBridge();
        DeleteCniResultCache();
        try
        {
            Directory.Delete(Layout.BaseDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _cleanupWarnings.Add($"deleting {Layout.BaseDirectory}: {exception.Message}");
        }
    }

    /// <summary>
    /// With containerd gone, the handles on what a failed test left running: each runc task bundle
    /// (state/io.containerd.runtime.v2.task/{ns}/{id}) holds its container's init.pid, and every shim was
    /// started with "-address {our socket}" on its command line (one shim serves a whole sandbox, so there
    /// is no pid file per bundle to rely on).
    /// </summary>
    private void KillLeftoverTasks()
    {
        if (Directory.Exists(Layout.TaskDirectory))
        {
            foreach (string bundle in Directory.EnumerateDirectories(Layout.TaskDirectory).SelectMany(Directory.EnumerateDirectories))
            {
                string path = Path.Combine(bundle, "init.pid");
                if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 1
                    && LibC.Kill(pid, LibC.SIGKILL) == 0)
                {
                    _cleanupWarnings.Add($"killed leftover init.pid {pid} of {Path.GetFileName(bundle)}");
                }
            }
        }

        foreach (int pid in ShimsOf(Layout.SocketPath))
        {
            if (LibC.Kill(pid, LibC.SIGKILL) == 0)
            {
                _cleanupWarnings.Add($"killed leftover shim {pid}");
            }
        }
    }

    /// <summary>Processes whose command line carries "-address {socketPath}": the containerd shims of this instance.</summary>
    internal static List<int> ShimsOf(string socketPath)
    {
        var shims = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                string[] arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                int address = Array.IndexOf(arguments, "-address");
                if (address >= 0 && address + 1 < arguments.Length && arguments[address + 1] == socketPath)
                {
                    shims.Add(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
            }
        }

        return shims;
    }

    /// <summary>Detaches every mount at or below <paramref name="directory"/> (rootfs overlays, shm, netns), deepest first.</summary>
    private void UnmountAllUnder(string directory)
    {
        // A path can carry stacked mounts; a few passes clear them, and a mount that will not go is reported once.
        for (int pass = 0; pass < 3; pass++)
        {
            var mounts = MountInfo.MountPointsUnder(directory);
            if (mounts.Count == 0)
            {
                return;
            }

            foreach (string mount in mounts.OrderByDescending(m => m.Length))
            {
                if (LibC.Umount2(mount, LibC.MNT_DETACH) != 0 && pass == 2)
                {
                    _cleanupWarnings.Add($"umount {mount}: errno {Marshal.GetLastPInvokeError()}");
                }
            }
        }
    }

    private void DeleteBridge()
    {
        if (!Directory.Exists(Path.Combine("/sys/class/net", Options.BridgeName)))
        {
            return;
        }

        var start = new ProcessStartInfo(FindOnPath("ip") ?? "ip", ["link", "delete", Options.BridgeName, "type", "bridge"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                _cleanupWarnings.Add($"ip link delete {Options.BridgeName}: {error.Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            _cleanupWarnings.Add($"ip link delete {Options.BridgeName}: {exception.Message}");
        }
    }

    /// <summary>libcni caches each attachment's result in /var/lib/cni/results/{network}-{container}-{ifname}; containerd 1.6 cannot move it.</summary>
    private void DeleteCniResultCache()
    {
        const string results = "/var/lib/cni/results";
        if (!Directory.Exists(results))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(results, Options.NetworkName + "-*"))
        {
            File.Delete(file);
        }
    }
}
