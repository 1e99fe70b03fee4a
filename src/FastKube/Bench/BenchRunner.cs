using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace FastKube.Bench;

/// <summary>Runs a scenario in a scratch directory, prints its figures as a table and writes the JSON report.</summary>
internal sealed class BenchRunner(TextWriter console)
{
    public async Task<int> RunAsync(IBenchScenario scenario, FileInfo? output, DirectoryInfo? workDirectory, bool quick, CancellationToken cancellationToken)
    {
        var ownsWorkDirectory = workDirectory is null;
        var directory = workDirectory?.FullName ?? Directory.CreateTempSubdirectory("fastkube-bench-").FullName;
        Directory.CreateDirectory(directory);
        try
        {
            console.WriteLine($"bench {scenario.Name}: {scenario.Description}{(quick ? " (quick)" : "")}");
            var started = DateTimeOffset.UtcNow;
            var report = await scenario.RunAsync(new BenchContext(directory, console, quick), cancellationToken).ConfigureAwait(false);
            PrintTable(report);
            if (output is not null)
            {
                output.Directory?.Create();
                await File.WriteAllBytesAsync(output.FullName, ToJson(scenario.Name, quick, started, report), cancellationToken).ConfigureAwait(false);
                console.WriteLine($"wrote {output.FullName}");
            }

            return 0;
        }
        finally
        {
            if (ownsWorkDirectory)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The report file: <c>{"scenario", "quick", "started", "machine", "figures": {name: number}, "notes"}</c>.</summary>
    internal static byte[] ToJson(string scenario, bool quick, DateTimeOffset started, BenchReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", scenario);
            json.WriteBoolean("quick", quick);
            json.WriteString("started", started.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("machine");
            json.WriteNumber("processors", Environment.ProcessorCount);
            json.WriteString("os", RuntimeInformation.OSDescription);
            json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
            json.WriteEndObject();
            json.WriteStartObject("figures");
            foreach (var (name, value) in report.Figures)
            {
                json.WriteNumber(name, Math.Round(value, 3));
            }

            json.WriteEndObject();
            json.WriteStartObject("notes");
            foreach (var (name, value) in report.Notes)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private void PrintTable(BenchReport report)
    {
        var width = report.Figures.Keys.Concat(report.Notes.Keys).Select(k => k.Length).DefaultIfEmpty(6).Max();
        console.WriteLine($"{"figure".PadRight(width)}  value");
        foreach (var (name, value) in report.Figures)
        {
            console.WriteLine($"{name.PadRight(width)}  {value.ToString("#,0.###", CultureInfo.InvariantCulture)}");
        }

        foreach (var (name, value) in report.Notes)
        {
            console.WriteLine($"{name.PadRight(width)}  {value}");
        }
    }
}
