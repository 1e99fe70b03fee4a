using System.Diagnostics;
using System.Globalization;

namespace FastKube.Bench.L4;

/// <summary>
/// Moves every thread of this process (load generators, backends) onto one CPU for the scenario and back
/// afterwards, through taskset's <c>-a -p</c> (a process-wide sched_setaffinity walks every task; .NET's
/// ProcessorAffinity setter only moves the main thread). Threads started later inherit the mask.
/// </summary>
internal sealed class CpuPinning : IDisposable
{
    private readonly string _previous;

    private CpuPinning(string previous)
    {
        _previous = previous;
    }

    public static CpuPinning To(int cpu)
    {
        var previous = Run(["-c", "-p", Pid]).Split(':')[^1].Trim();
        Run(["-a", "-c", "-p", cpu.ToString(CultureInfo.InvariantCulture), Pid]);
        return new CpuPinning(previous);
    }

    private static string Pid => Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    private static string Run(IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("taskset", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"taskset {string.Join(' ', arguments)}: {error.Trim()}");
    }

    public void Dispose() => Run(["-a", "-c", "-p", _previous, Pid]);
}
