using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FastKube.Bench.L4;

/// <summary>A process the <c>l4</c> scenario starts (a proxy under taskset, iperf3) and always kills.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>Starts <paramref name="file"/> pinned to <paramref name="cpu"/> with taskset (so every thread it ever makes stays there).</summary>
    public static ChildProcess Start(int cpu, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("taskset", ["-c", cpu.ToString(CultureInfo.InvariantCulture), file, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}"));
    }

    /// <summary>Lines printed so far (stdout and stderr interleaved).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    private void Received(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    /// <summary>Waits until a TCP connect to <paramref name="address"/> succeeds (the child is listening).</summary>
    public async Task WaitListeningAsync(IPEndPoint address, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"exited with {_process.ExitCode}: {string.Join(" | ", Output)}");
            }

            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for a printed line announcing an address (<paramref name="parse"/> returns null for other lines).</summary>
    public async Task<IPEndPoint> WaitForAddressAsync(Func<string, IPEndPoint?> parse, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var line in Output)
            {
                if (parse(line) is { } value)
                {
                    return value;
                }
            }

            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"no ready line: {string.Join(" | ", Output)}");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for exit and returns stdout+stderr.</summary>
    public async Task<string> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        _process.WaitForExit();
        return string.Join('\n', Output);
    }

    /// <summary>Resident set size of the process proper (taskset execs it, so the pid is the proxy's), in MiB.</summary>
    public double RssMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return 0;
    }

    /// <summary>
    /// CPU time (user + system, every thread) the process has used, in seconds: fields 14 and 15 of
    /// /proc/PID/stat in clock ticks (USER_HZ, 100 on Linux). Dividing work by it gives a figure that does
    /// not depend on how much of its CPU other processes took meanwhile.
    /// </summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are indices 11 and 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
    }
}
