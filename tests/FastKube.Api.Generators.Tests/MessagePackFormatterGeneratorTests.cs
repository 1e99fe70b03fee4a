using System.Collections.Immutable;
using FastKube.Api.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FastKube.Api.Generators.Tests;

public sealed class MessagePackFormatterGeneratorTests
{
    private const string Attribute = """
        namespace FastKube.Api.Serialization
        {
            [System.AttributeUsage(System.AttributeTargets.Property)]
            public sealed class WireKeyAttribute(int id) : System.Attribute { public int Id { get; } = id; }
        }
        """;

    private static readonly ImmutableArray<MetadataReference> References =
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p))];

    private static (ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Sources) Run(string types)
    {
        var compilation = CSharpCompilation.Create(
            "GeneratorTest",
            [CSharpSyntaxTree.ParseText(Attribute), CSharpSyntaxTree.ParseText("using FastKube.Api.Serialization;\nnamespace Sample;\n" + types)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new MessagePackFormatterGenerator()).RunGenerators(compilation);
        var result = driver.GetRunResult();
        return (result.Diagnostics, result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).ToList());
    }

    [Fact]
    public void Run_SupportedShapes_EmitsAFormatterAndNoDiagnostic()
    {
        var (diagnostics, sources) = Run("""
            public sealed class Item
            {
                [WireKey(1)] public string? Name { get; set; }
                [WireKey(2)] public int? Count { get; set; }
                [WireKey(3)] public System.Collections.Generic.List<string>? Tags { get; set; }
                [WireKey(4)] public System.Collections.Generic.Dictionary<string, string>? Labels { get; set; }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Contains(sources, s => s.Contains("ItemFormatter", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FKMP001", "[WireKey(1)] public System.Uri? Link { get; set; }")]
    [InlineData("FKMP002", "[WireKey(1)] public string? A { get; set; }\n[WireKey(1)] public string? B { get; set; }")]
    [InlineData("FKMP003", "[WireKey(0)] public string? A { get; set; }")]
    [InlineData("FKMP004", "[WireKey(1)] public string? A { get; }")]
    public void Run_BadProperty_ReportsItsDiagnosticAsErrorAndEmitsNoFormatter(string id, string members)
    {
        var (diagnostics, sources) = Run($"public sealed class Bad\n{{\n{members}\n}}\n");

        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.DoesNotContain(sources, s => s.Contains("BadFormatter", StringComparison.Ordinal));
    }
}
