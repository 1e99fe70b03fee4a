namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>
/// Committed expected outputs (docs generated from code, wire bytes). <c>scripts/regen-golden</c> sets
/// FASTKUBE_REGEN_GOLDEN=1, which makes <see cref="Check"/> rewrite the file instead of comparing.
/// </summary>
internal static class Golden
{
    public static bool Regenerate => Environment.GetEnvironmentVariable("FASTKUBE_REGEN_GOLDEN") == "1";

    /// <summary>The repository root (the directory holding FastKube.sln), found upwards from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string PathOf(string relativePath) => Path.Combine(RepoRoot, relativePath);

    public static void Check(string relativePath, string actual)
    {
        string path = PathOf(relativePath);
        if (Regenerate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{relativePath} is missing; run scripts/regen-golden");
        string expected = File.ReadAllText(path);
        Assert.True(expected == actual, $"{relativePath} is out of date; run scripts/regen-golden and review the diff");
    }

    /// <summary>Hex, 32 bytes a line, for byte golden files that diff well.</summary>
    public static string ToHexLines(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder();
        for (int offset = 0; offset < bytes.Length; offset += 32)
        {
            text.Append(Convert.ToHexStringLower(bytes.Slice(offset, Math.Min(32, bytes.Length - offset)))).Append('\n');
        }

        return text.ToString();
    }

    private static string FindRepoRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "FastKube.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("FastKube.sln not found above " + AppContext.BaseDirectory);
    }
}
