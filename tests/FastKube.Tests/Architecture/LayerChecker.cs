namespace FastKube.Tests.Architecture;

/// <summary>A project reference found in a csproj: from project, to project, and whether it is analyzer-only.</summary>
internal sealed record ProjectEdge(string From, string To, bool AnalyzerOnly);

/// <summary>Checks project references against <see cref="LayerTable"/> and returns every violation as a sentence.</summary>
internal static class LayerChecker
{
    public static List<string> SourceViolations(IEnumerable<string> projects, IEnumerable<ProjectEdge> edges)
    {
        var violations = new List<string>();
        foreach (var project in projects)
        {
            if (LayerTable.LayerOf(project) is null)
            {
                violations.Add($"{project} is not in the layer table (tests/FastKube.Tests/Architecture/LayerTable.cs, shared/ARCHITECTURE.md)");
            }
        }

        foreach (var edge in edges)
        {
            if (LayerTable.LayerOf(edge.From) is not { } from || LayerTable.LayerOf(edge.To) is not { } to)
            {
                continue;
            }

            if (to == LayerTable.Tool)
            {
                if (!edge.AnalyzerOnly)
                {
                    violations.Add($"{edge.From} references the build tool {edge.To} as an assembly; reference it as an analyzer only");
                }
            }
            else if (from == LayerTable.Tool)
            {
                violations.Add($"the build tool {edge.From} references {edge.To}; tools stand alone");
            }
            else if (to > from)
            {
                violations.Add($"{edge.From} (layer {from}) references {edge.To} (layer {to}): upward");
            }
            else if (to == from && !IsTestingPair(edge) && !LayerTable.SameLayerEdges.Contains((edge.From, edge.To)))
            {
                violations.Add($"{edge.From} references {edge.To} on its own layer {from}: sideways");
            }
        }

        return violations;
    }

    /// <summary>A test project may reference the source project it mirrors, fakes, and anything below it.</summary>
    public static List<string> TestViolations(IEnumerable<ProjectEdge> testEdges)
    {
        var violations = new List<string>();
        foreach (var edge in testEdges)
        {
            const string suffix = ".Tests";
            var subject = edge.From.EndsWith(suffix, StringComparison.Ordinal) ? edge.From[..^suffix.Length] : edge.From;
            if (LayerTable.LayerOf(subject) is not { } subjectLayer)
            {
                continue; // helper processes of a test project (e.g. a crash writer) are checked by their own references
            }

            if (LayerTable.LayerOf(edge.To) is { } to && edge.To != subject && !edge.To.StartsWith(subject + ".", StringComparison.Ordinal)
                && to >= subjectLayer && to != LayerTable.Tool && !LayerTable.TestEdges.Contains((edge.From, edge.To)))
            {
                violations.Add($"{edge.From} references {edge.To}, which is not below {subject}");
            }
        }

        return violations;
    }

    private static bool IsTestingPair(ProjectEdge edge) =>
        edge.From.EndsWith(".Testing", StringComparison.Ordinal) && edge.To == edge.From[..^".Testing".Length];
}
