using System.Xml.Linq;

namespace FastKube.Tests.Architecture;

/// <summary>Reads the checkout the tests run from: the root (where FastKube.sln is) and its csproj files.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> ProjectFiles(string folder) =>
        Directory.Exists(Path.Combine(Root, folder))
            ? Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            : [];

    public static string NameOf(string projectFile) => Path.GetFileNameWithoutExtension(projectFile);

    public static IEnumerable<ProjectEdge> EdgesOf(string projectFile)
    {
        var document = XDocument.Load(projectFile);
        foreach (var reference in document.Descendants("ProjectReference"))
        {
            var include = reference.Attribute("Include")?.Value ?? "";
            var analyzerOnly = string.Equals(reference.Attribute("ReferenceOutputAssembly")?.Value, "false", StringComparison.OrdinalIgnoreCase);
            yield return new ProjectEdge(NameOf(projectFile), Path.GetFileNameWithoutExtension(include.Replace('\\', '/')), analyzerOnly);
        }
    }

    public static IEnumerable<string> PackagesOf(string projectFile) =>
        XDocument.Load(projectFile).Descendants("PackageReference").Select(p => p.Attribute("Include")?.Value ?? "");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastKube.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"FastKube.sln not found above {AppContext.BaseDirectory}");
    }
}
