using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FastKube.Tests.Support;

/// <summary>The built <c>fastkube</c> CLI as a real child process: started, awaited until it prints a line, stopped with SIGTERM.</summary>
internal static class FastKubeProcess
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fastkube.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Starts the process and returns once a stdout line matches <paramref name="ready"/>; fails the test if it exits first.</summary>
    public static async Task<Process> StartAsync(ProcessStartInfo start, Regex ready)
    {
        var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(Patience);
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (ready.IsMatch(line))
            {
                return process;
            }
        }

        Assert.Fail($"{string.Join(' ', start.ArgumentList.Skip(1))} exited ({process.ExitCode}) before it was ready: {await process.StandardError.ReadToEndAsync()}");
        return process;
    }

    /// <summary>Sends SIGTERM and waits for the exit; returns the rest of stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> StopAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(Patience);
        var rest = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await rest, await error);
    }

    /// <summary>Reads until <paramref name="done"/> holds or <see cref="Patience"/> runs out; returns the last value read.</summary>
    public static async Task<string> Eventually(Func<Task<string>> read, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            value = await read();
        }

        return value;
    }

    /// <summary>Runs a short command to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        using var deadline = new CancellationTokenSource(Patience);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }
}
