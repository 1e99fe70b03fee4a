using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FastKube.Balancer.Tests.Support;

/// <summary>
/// A network namespace the test owns (unique name, deleted on dispose). <see cref="Run"/> executes code on a
/// thread switched into it with setns(2): sockets created there belong to the namespace for good, wherever
/// they are used afterwards.
/// </summary>
internal sealed partial class Netns : IDisposable
{
    public const string Ip = "/usr/sbin/ip";
    public const string Nft = "/usr/sbin/nft";

    private const int CloneNewNet = 0x40000000;

    private Netns(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public static Netns Create()
    {
        var name = $"fkbal-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24];
        Run(Ip, ["netns", "add", name], stdin: null);
        var netns = new Netns(name);
        try
        {
            netns.Exec(Ip, ["link", "set", "lo", "up"]);
            return netns;
        }
        catch
        {
            netns.Dispose();
            throw;
        }
    }

    /// <summary>Runs a tool inside the namespace through <c>ip netns exec</c>.</summary>
    public string Exec(string tool, IReadOnlyList<string> arguments, string? stdin = null) =>
        Run(Ip, ["netns", "exec", Name, tool, .. arguments], stdin);

    public T Run<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            using var home = File.OpenHandle("/proc/thread-self/ns/net");
            using var target = File.OpenHandle($"/var/run/netns/{Name}");
            Enter(target.DangerousGetHandle());
            try
            {
                result = action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            finally
            {
                Enter(home.DangerousGetHandle());
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException($"in netns {Name}: {failure.Message}", failure);
        }

        return result;
    }

    private static void Enter(nint fd)
    {
        if (SetNs((int)fd, CloneNewNet) != 0)
        {
            throw new InvalidOperationException($"setns failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    private static string Run(string file, IReadOnlyList<string> arguments, string? stdin)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Trim()}");
        }

        return output.Result;
    }

    public void Dispose()
    {
        try
        {
            Run(Ip, ["netns", "del", Name], stdin: null);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
