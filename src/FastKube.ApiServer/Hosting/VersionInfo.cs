using System.Reflection;
using System.Text.Json;

namespace FastKube.ApiServer.Hosting;

/// <summary>
/// The body of <c>/version</c> (apimachinery version.Info). FastKube serves the Kubernetes 1.32 API, so
/// kubectl 1.32 sees no version skew; the build metadata names FastKube. Go-only fields (goVersion,
/// buildDate) are left out rather than invented.
/// </summary>
internal static class VersionInfo
{
    public const string Major = "1";
    public const string Minor = "32";
    public const string GitVersion = "v1.32.0+fastkube";

    public static byte[] Json { get; } = Render();

    private static byte[] Render()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("major", Major);
            json.WriteString("minor", Minor);
            json.WriteString("gitVersion", GitVersion);
            json.WriteString("gitCommit", Commit());
            json.WriteString("compiler", "dotnet " + Environment.Version);
            json.WriteString("platform", "linux/" + System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // The SDK appends "+<commit sha>" to the informational version when it builds from a git checkout.
    private static string Commit()
    {
        var version = typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? "" : version[(plus + 1)..];
    }
}
