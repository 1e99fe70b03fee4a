using System.CommandLine;

namespace FastKube.Bench;

/// <summary><c>fastkube bench NAME --out FILE.json [--quick]</c>: runs one scenario, prints a table, writes JSON.</summary>
internal static class BenchCommand
{
    public static Command Create(IReadOnlyList<IBenchScenario> scenarios)
    {
        var name = new Argument<string>("scenario")
        {
            Description = "Scenario to run: " + string.Join(", ", scenarios.Select(s => s.Name)),
        };
        var output = new Option<FileInfo?>("--out") { Description = "Write the figures as JSON to this file." };
        var quick = new Option<bool>("--quick") { Description = "Smoke-test size: seconds instead of minutes; figures are not comparable." };
        var workDir = new Option<DirectoryInfo?>("--work-dir") { Description = "Scratch directory (default: a fresh temporary directory, removed afterwards)." };
        var command = new Command("bench", "Run a named benchmark scenario.") { name, output, quick, workDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var scenarioName = parse.GetValue(name)!;
            var scenario = scenarios.FirstOrDefault(s => s.Name == scenarioName);
            if (scenario is null)
            {
                await Console.Error.WriteLineAsync(
                    $"fastkube bench: unknown scenario \"{scenarioName}\"; known: {string.Join(", ", scenarios.Select(s => s.Name))}").ConfigureAwait(false);
                return 2;
            }

            var runner = new BenchRunner(Console.Out);
            return await runner.RunAsync(scenario, parse.GetValue(output), parse.GetValue(workDir), parse.GetValue(quick), cancellationToken)
                .ConfigureAwait(false);
        });
        return command;
    }
}
