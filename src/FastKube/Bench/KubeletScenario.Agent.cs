using System.Diagnostics;
using System.Globalization;
using FastKube.Bench.L4;

namespace FastKube.Bench;

/// <summary>The agent under test: <c>fastkube agent</c> as a child process, its RSS and CPU read from /proc.</summary>
internal sealed partial class KubeletScenario
{
    private static readonly TimeSpan AgentPatience = TimeSpan.FromMinutes(2);

    /// <summary>Writes a KubeletConfiguration and starts <c>fastkube agent</c> on it; returns once it prints that it runs.</summary>
    private static async Task<Process> StartAgentAsync(BenchContext context, string kubeconfig, string nodeName, string root, string[] extra, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var config = Path.Combine(root, "kubelet.yaml");
        // A port of its own: the agent server of a real node must not meet an agent already on 10250.
        var port = 20_000 + (Environment.ProcessId % 20_000);
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            nodeName: {nodeName}
            rootDirectory: {root}
            podLogsDirectory: {Path.Combine(root, "pods")}
            port: {port}
            maxPods: 110

            """), cancellationToken).ConfigureAwait(false);
        var (file, prefix) = ProxyUnderTest.FastKubeCommand();
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[.. prefix, "agent", "--kubeconfig", kubeconfig, "--config", config, .. extra])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(AgentPatience);
            while (await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                context.Log.WriteLine("kubelet: agent: " + line);
                if (line.StartsWith("fastkube agent: running", StringComparison.Ordinal))
                {
                    // Keep draining both pipes so the agent never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return process;
                }
            }

            throw new InvalidOperationException($"fastkube agent exited ({process.ExitCode}) before it ran: {await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)}");
        }
        catch
        {
            StopAgent(process);
            throw;
        }
    }

    /// <summary>SIGTERM (the agent's orderly shutdown), SIGKILL if it does not exit within 30 s.</summary>
    private static void StopAgent(Process process)
    {
        using (process)
        {
            if (process.HasExited)
            {
                return;
            }

            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])))
            {
                kill?.WaitForExit();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                process.WaitForExit();
            }
        }
    }

    /// <summary>VmRSS of /proc/PID/status in MiB.</summary>
    private static double RssMb(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{process.Id}/status has no VmRSS");
    }

    /// <summary>utime + stime of /proc/PID/stat in clock ticks (USER_HZ, 100 on Linux).</summary>
    private static long CpuTicks(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // Fields after the command name (which may hold spaces) start at ") "; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
