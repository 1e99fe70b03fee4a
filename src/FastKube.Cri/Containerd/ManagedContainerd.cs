using System.Diagnostics;
using System.Globalization;
using FastKube.Cri.V1;
using FastKube.Grpc;

namespace FastKube.Cri.Containerd;

/// <summary>
/// A containerd that FastKube starts and stops itself, with a generated config (see
/// <see cref="ContainerdConfig"/> and <see cref="CniConfig"/>) and everything under one base directory.
/// Start with <see cref="StartAsync"/>; the kubelet loop talks to <see cref="Runtime"/>. If a containerd of
/// the same base directory is still running (the agent was killed, containerd was not), it is adopted
/// rather than started twice, so running pods carry on. Disposing stops containerd (SIGTERM, then SIGKILL);
/// pods survive that unless <see cref="ManagedContainerdOptions.DeleteEverythingOnDispose"/> is set.
/// </summary>
public sealed partial class ManagedContainerd : IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly int _processId;
    private readonly List<string> _cleanupWarnings = [];
    private int _disposed;

    private ManagedContainerd(ManagedContainerdOptions options, ContainerdLayout layout, Process process, bool adopted)
    {
        Options = options;
        Layout = layout;
        _process = process;
        _processId = process.Id;
        Adopted = adopted;
        Runtime = CriRuntime.Connect(layout.Endpoint, new CriClientOptions { MaxMessageSize = ContainerdConfig.MaxMessageSize });
    }

    public ManagedContainerdOptions Options { get; }

    public ContainerdLayout Layout { get; }

    /// <summary>The CRI client of this containerd.</summary>
    public CriRuntime Runtime { get; }

    public int ProcessId => _processId;

    /// <summary>True when an already running instance of the same base directory was taken over.</summary>
    public bool Adopted { get; }

    /// <summary>What went wrong during dispose's best-effort cleanup (dispose itself never throws).</summary>
    public IReadOnlyList<string> CleanupWarnings => _cleanupWarnings;

    /// <summary>
    /// What this host lacks to run a managed containerd (empty when nothing): root, the binaries, the CNI
    /// plugins. Tests skip and `fastkube up` falls back to the simulated runtime with this as the reason.
    /// </summary>
    public static IReadOnlyList<string> FindMissingPrerequisites(ManagedContainerdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var missing = new List<string>();
        if (!Environment.IsPrivilegedProcess)
        {
            missing.Add("root (containerd and runc need it)");
        }

        if (!File.Exists(options.ContainerdPath))
        {
            missing.Add($"{options.ContainerdPath} (package containerd)");
        }
        else if (!File.Exists(Path.Combine(Path.GetDirectoryName(options.ContainerdPath)!, "containerd-shim-runc-v2")))
        {
            missing.Add("containerd-shim-runc-v2 next to containerd (package containerd)");
        }

        if (!File.Exists(options.CtrPath))
        {
            missing.Add($"{options.CtrPath} (package containerd)");
        }

        if (FindOnPath("runc") is null)
        {
            missing.Add("runc on PATH (package runc)");
        }

        foreach (string plugin in CniConfig.RequiredPlugins)
        {
            if (!File.Exists(Path.Combine(options.CniBinDirectory, plugin)))
            {
                missing.Add($"CNI plugin {Path.Combine(options.CniBinDirectory, plugin)} (package containernetworking-plugins)");
            }
        }

        return missing;
    }

    /// <summary>Writes the configs, starts (or adopts) containerd and waits until CRI reports runtime and network ready.</summary>
    public static async Task<ManagedContainerd> StartAsync(ManagedContainerdOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layout = new ContainerdLayout(Path.GetFullPath(options.BaseDirectory));
        if (System.Text.Encoding.UTF8.GetByteCount(layout.TtrpcSocketPath) > ContainerdLayout.MaxSocketPathBytes)
        {
            throw new ArgumentException($"base directory {layout.BaseDirectory} is too long: {layout.TtrpcSocketPath} exceeds the {ContainerdLayout.MaxSocketPathBytes}-byte unix socket path limit");
        }

        if (FindMissingPrerequisites(options) is { Count: > 0 } missing)
        {
            throw new InvalidOperationException("cannot run containerd here; missing: " + string.Join("; ", missing));
        }

        string containerdConfig = ContainerdConfig.Render(options, layout);
        string cniConfig = CniConfig.Render(options, layout);
        Directory.CreateDirectory(layout.BaseDirectory);
        Directory.CreateDirectory(layout.CniConfigDirectory);
        Directory.CreateDirectory(layout.IpamDataDirectory);

        if (TryFindRunning(layout) is { } running)
        {
            var adopted = new ManagedContainerd(options, layout, running, adopted: true);
            try
            {
                await adopted.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
                return adopted;
            }
            catch
            {
                await adopted.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        await File.WriteAllTextAsync(layout.ConfigPath, containerdConfig, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(layout.CniConfigDirectory, CniConfig.FileName), cniConfig, cancellationToken).ConfigureAwait(false);
        // A socket left by a containerd that died would make the new one fail to listen.
        File.Delete(layout.SocketPath);
        File.Delete(layout.TtrpcSocketPath);

        var process = StartProcess(options, layout);
        await File.WriteAllTextAsync(layout.PidPath, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        var started = new ManagedContainerd(options, layout, process, adopted: false);
        try
        {
            await started.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            return started;
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Imports an image tarball into this containerd's CRI namespace.</summary>
    public Task ImportImageAsync(string tarballPath, CancellationToken cancellationToken = default) =>
        ContainerdImages.ImportAsync(Layout.SocketPath, tarballPath, Options.CtrPath, cancellationToken);

    /// <summary>The last lines of containerd's log, for error messages.</summary>
    public string ReadLogTail(int lines = 20)
    {
        try
        {
            var all = File.ReadAllLines(Layout.LogPath);
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException exception)
        {
            return $"(log {Layout.LogPath} unreadable: {exception.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Options.DeleteEverythingOnDispose && !_process.HasExited)
        {
            await RemoveAllPodsAsync().ConfigureAwait(false);
        }

        Runtime.Dispose();
        await StopProcessAsync().ConfigureAwait(false);
        if (Options.DeleteEverythingOnDispose)
        {
            DeleteHostState();
        }

        _process.Dispose();
    }

    private static Process StartProcess(ManagedContainerdOptions options, ContainerdLayout layout)
    {
        // Through sh only to send stdout and stderr to a file: a pipe to this process would break (and
        // SIGPIPE containerd) if the agent died, while containerd and the pods must outlive the agent.
        var start = new ProcessStartInfo("/bin/sh", ["-c", "exec \"$0\" --config \"$1\" >>\"$2\" 2>&1", options.ContainerdPath, layout.ConfigPath, layout.LogPath])
        {
            UseShellExecute = false,
            WorkingDirectory = layout.BaseDirectory,
        };
        // containerd finds containerd-shim-runc-v2 and the shim finds runc on PATH; a service manager's PATH may lack sbin.
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:" + Environment.GetEnvironmentVariable("PATH");
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {options.ContainerdPath}");
    }

    /// <summary>The containerd recorded in the pid file, if it still runs with this instance's config.</summary>
    private static Process? TryFindRunning(ContainerdLayout layout)
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(layout.PidPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                return null;
            }

            string commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.Contains(layout.ConfigPath, StringComparison.Ordinal) ? Process.GetProcessById(pid) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        string lastProblem = "socket not created yet";
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"containerd exited with code {(Adopted ? "unknown (adopted)" : _process.ExitCode)} while starting; its log ({Layout.LogPath}) ends:\n{ReadLogTail()}");
            }

            if (File.Exists(Layout.SocketPath))
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probe.CancelAfter(ProbeTimeout);
                try
                {
                    var status = await Runtime.StatusAsync(cancellationToken: probe.Token).ConfigureAwait(false);
                    lastProblem = DescribeNotReady(status);
                    if (lastProblem.Length == 0)
                    {
                        return;
                    }
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.Unimplemented)
                {
                    // containerd is up but its CRI plugin failed to load; waiting will not change that.
                    throw new InvalidOperationException($"containerd serves no CRI ({exception.Detail}): its CRI plugin failed to load; its log ({Layout.LogPath}) ends:\n{ReadLogTail()}", exception);
                }
                catch (RpcException exception)
                {
                    lastProblem = exception.Message;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastProblem = $"no answer within {ProbeTimeout.TotalSeconds} s";
                }
            }

            if (elapsed.Elapsed > Options.StartTimeout)
            {
                throw new TimeoutException($"containerd not ready after {Options.StartTimeout.TotalSeconds} s ({lastProblem}); its log ({Layout.LogPath}) ends:\n{ReadLogTail()}");
            }

            await Task.Delay(ProbeInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Empty when RuntimeReady and NetworkReady are both true, else what is not ready and why.</summary>
    private static string DescribeNotReady(StatusResponse status)
    {
        var problems = new List<string>();
        foreach (string type in new[] { "RuntimeReady", "NetworkReady" })
        {
            var condition = status.Status?.Conditions.FirstOrDefault(c => c.Type == type);
            if (condition is not { Status: true })
            {
                problems.Add(condition is null ? $"{type} missing" : $"{type} false: {condition.Reason} {condition.Message}".TrimEnd());
            }
        }

        return string.Join("; ", problems);
    }

    private async Task StopProcessAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        if (LibC.Kill(_process.Id, LibC.SIGTERM) == 0)
        {
            using var graceful = new CancellationTokenSource(Options.StopTimeout);
            try
            {
                await _process.WaitForExitAsync(graceful.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _cleanupWarnings.Add($"containerd (pid {_process.Id}) ignored SIGTERM for {Options.StopTimeout.TotalSeconds} s; killing it");
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            using var killed = new CancellationTokenSource(Options.StopTimeout);
            try
            {
                await _process.WaitForExitAsync(killed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _cleanupWarnings.Add($"containerd (pid {_process.Id}) still running after SIGKILL");
                return;
            }
        }

        File.Delete(Layout.PidPath);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") + ":/usr/local/sbin:/usr/sbin:/sbin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
