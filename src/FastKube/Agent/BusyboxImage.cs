using System.Diagnostics;

namespace FastKube.Agent;

/// <summary>
/// The image a fresh machine can run without a registry: <c>scripts/build-busybox-image</c> packs the
/// host's busybox-static into an OCI tarball named <see cref="Name"/>, which serves as sandbox and app image.
/// </summary>
internal static class BusyboxImage
{
    public const string Name = "localhost/fastkube/busybox:latest";

    /// <summary>Builds the tarball into <paramref name="output"/> with the repository's script; throws with the script's error.</summary>
    public static async Task<string> BuildAsync(string output, CancellationToken cancellationToken)
    {
        var script = FindScript() ?? throw new InvalidOperationException(
            "scripts/build-busybox-image not found above " + AppContext.BaseDirectory + " or the current directory");
        using var process = Process.Start(new ProcessStartInfo(script, [output]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{script} failed: {(await error.ConfigureAwait(false)).Trim()}");
    }

    private static string? FindScript() => new[] { AppContext.BaseDirectory, Environment.CurrentDirectory }
        .SelectMany(Ancestors)
        .Select(directory => Path.Combine(directory, "scripts", "build-busybox-image"))
        .FirstOrDefault(File.Exists);

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var current = Path.GetFullPath(directory); current is not null; current = Path.GetDirectoryName(current))
        {
            yield return current;
        }
    }
}
