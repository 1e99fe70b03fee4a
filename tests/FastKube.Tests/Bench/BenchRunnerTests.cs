using System.Text.Json;
using FastKube.Bench;

namespace FastKube.Tests.Bench;

public sealed class BenchRunnerTests
{
    private sealed class FixedScenario : IBenchScenario
    {
        public string Name => "fixed";

        public string Description => "reports fixed figures";

        public string? SeenWorkDirectory { get; private set; }

        public Task<BenchReport> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            SeenWorkDirectory = context.WorkDirectory;
            Assert.True(Directory.Exists(context.WorkDirectory));
            var report = new BenchReport();
            report.Figures["ops_per_s"] = 1234.5678;
            report.Notes["size"] = context.Quick ? "quick" : "full";
            return Task.FromResult(report);
        }
    }

    [Fact]
    public async Task RunAsync_WithOut_WritesScenarioFiguresAndNotes()
    {
        var output = new FileInfo(Path.Combine(Path.GetTempPath(), $"fastkube-bench-{Guid.NewGuid():N}.json"));
        var console = new StringWriter();
        var scenario = new FixedScenario();
        try
        {
            var exit = await new BenchRunner(console).RunAsync(scenario, output, workDirectory: null, quick: true, CancellationToken.None);

            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(output.FullName));
            Assert.Equal("fixed", json.RootElement.GetProperty("scenario").GetString());
            Assert.True(json.RootElement.GetProperty("quick").GetBoolean());
            Assert.Equal(1234.568, json.RootElement.GetProperty("figures").GetProperty("ops_per_s").GetDouble());
            Assert.Equal("quick", json.RootElement.GetProperty("notes").GetProperty("size").GetString());
            Assert.Contains("ops_per_s", console.ToString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(scenario.SeenWorkDirectory), "the temporary work directory is removed afterwards");
        }
        finally
        {
            output.Delete();
        }
    }

    [Fact]
    public async Task Invoke_UnknownScenario_ExitsWithUsageError()
    {
        var command = BenchCommand.Create([new FixedScenario()]);

        var exit = await command.Parse(["nope"]).InvokeAsync();

        Assert.Equal(2, exit);
    }
}
