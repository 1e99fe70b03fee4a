namespace FastKube.Tests.Architecture;

public sealed class LayeringTests
{
    [Fact]
    public void SourceProjects_ReferenceOnlyDownward()
    {
        var files = Repository.ProjectFiles("src").ToList();
        Assert.NotEmpty(files);

        var violations = LayerChecker.SourceViolations(files.Select(Repository.NameOf), files.SelectMany(Repository.EdgesOf));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void TestProjects_ReferenceTheirSubjectAndBelow()
    {
        var violations = LayerChecker.TestViolations(Repository.ProjectFiles("tests").SelectMany(Repository.EdgesOf));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void CoreProject_UsesNoPackages()
    {
        var api = Repository.ProjectFiles("src").Single(p => Repository.NameOf(p) == "FastKube.Api");

        Assert.Empty(Repository.PackagesOf(api));
    }

    [Fact]
    public void Solution_ContainsEveryProject()
    {
        var solution = File.ReadAllText(Path.Combine(Repository.Root, "FastKube.sln")).Replace('\\', '/');
        var missing = new[] { "src", "tests", "perf" }
            .SelectMany(Repository.ProjectFiles)
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/'))
            .Where(p => !solution.Contains(p, StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "not in FastKube.sln: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("FastKube.Storage", "FastKube.ApiServer", "upward")]
    [InlineData("FastKube.Scheduler", "FastKube.Controllers", "sideways")]
    [InlineData("FastKube.Grpc", "FastKube.Netlink", "sideways")]
    [InlineData("FastKube.Api", "FastKube.Storage", "upward")]
    public void SourceViolations_BadEdge_IsReported(string from, string to, string kind)
    {
        var violations = LayerChecker.SourceViolations([from, to], [new ProjectEdge(from, to, AnalyzerOnly: false)]);

        Assert.Contains(violations, v => v.Contains(kind, StringComparison.Ordinal) && v.StartsWith(from, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FastKube.Storage.Sqlite", "FastKube.Storage")]
    [InlineData("FastKube.Cri", "FastKube.Grpc")]
    [InlineData("FastKube.ApiServer", "FastKube.Storage")]
    [InlineData("FastKube", "FastKube.Proxy")]
    [InlineData("FastKube.Dataplane.Kernel.Testing", "FastKube.Dataplane.Kernel")]
    public void SourceViolations_AllowedEdge_IsAccepted(string from, string to)
    {
        Assert.Empty(LayerChecker.SourceViolations([from, to], [new ProjectEdge(from, to, AnalyzerOnly: false)]));
    }

    [Fact]
    public void SourceViolations_UnknownProject_IsReported()
    {
        var violations = LayerChecker.SourceViolations(["FastKube.Mystery"], []);

        Assert.Contains(violations, v => v.StartsWith("FastKube.Mystery is not in the layer table", StringComparison.Ordinal));
    }

    [Fact]
    public void SourceViolations_GeneratorAsAssembly_IsReported()
    {
        var edge = new ProjectEdge("FastKube.Api", "FastKube.Api.Generators", AnalyzerOnly: false);

        Assert.Single(LayerChecker.SourceViolations(["FastKube.Api", "FastKube.Api.Generators"], [edge]));
        Assert.Empty(LayerChecker.SourceViolations(["FastKube.Api", "FastKube.Api.Generators"], [edge with { AnalyzerOnly = true }]));
    }

    [Fact]
    public void TestViolations_TestReferencingHigherLayer_IsReported()
    {
        var violations = LayerChecker.TestViolations([new ProjectEdge("FastKube.Storage.Tests", "FastKube.Controllers", false)]);

        Assert.Single(violations);
    }

    [Fact]
    public void TestViolations_IntegrationFixture_IsAllowedFromAnyLayer()
    {
        Assert.Empty(LayerChecker.TestViolations([new ProjectEdge("FastKube.Client.Tests", "FastKube.ApiServer", false), new ProjectEdge("FastKube.Client.Tests", "FastKube.Storage", false)]));
    }
}
