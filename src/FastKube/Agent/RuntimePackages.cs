using System.Diagnostics;
using FastKube.Cri.Containerd;

namespace FastKube.Agent;

/// <summary>
/// What a node needs to run real containers, installed through apt when it is missing and this process
/// may (root, Debian): containerd, runc, the CNI plugins, and busybox-static for the registry-free image.
/// </summary>
internal static class RuntimePackages
{
    public const string BusyboxPath = "/bin/busybox";

    private static readonly string[] Packages = ["containerd", "runc", "containernetworking-plugins", "busybox-static"];

    /// <summary>What is still missing after trying to install it (empty: the managed containerd can run).</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(ManagedContainerdOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var missing = Missing(options);
        if (missing.Count == 0 || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/apt-get"))
        {
            return missing;
        }

        await log.WriteLineAsync($"fastkube: installing {string.Join(' ', Packages)} with apt-get (missing: {string.Join("; ", missing)})").ConfigureAwait(false);
        // A fresh machine may have empty package lists: refresh them only when the first attempt fails.
        if (await AptAsync(cancellationToken, ["install", "-y", "-qq", "--no-install-recommends", .. Packages]).ConfigureAwait(false) is { } first)
        {
            await log.WriteLineAsync($"fastkube: apt-get install failed ({first}); updating package lists and retrying").ConfigureAwait(false);
            if (await AptAsync(cancellationToken, ["update", "-qq"]).ConfigureAwait(false) is null)
            {
                await AptAsync(cancellationToken, ["install", "-y", "-qq", "--no-install-recommends", .. Packages]).ConfigureAwait(false);
            }
        }

        return Missing(options);
    }

    private static List<string> Missing(ManagedContainerdOptions options)
    {
        var missing = ManagedContainerd.FindMissingPrerequisites(options).ToList();
        if (!File.Exists(BusyboxPath))
        {
            missing.Add($"{BusyboxPath} (package busybox-static)");
        }

        return missing;
    }

    /// <summary>Runs apt-get; null on success, else the last line of its error output.</summary>
    private static async Task<string?> AptAsync(CancellationToken cancellationToken, string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/apt-get", args) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = (await error.ConfigureAwait(false)).Trim();
        return process.ExitCode == 0 ? null : text.Split('\n')[^1];
    }
}
