using System.Diagnostics;

namespace FastKube.Cri.Containerd;

/// <summary>
/// Loads image tarballs into containerd's CRI namespace (k8s.io). CRI has no import call, so this one
/// operation goes through containerd's ctr; everything else uses CRI.
/// </summary>
public static class ContainerdImages
{
    /// <summary>The containerd namespace the CRI plugin keeps its images and containers in.</summary>
    public const string CriNamespace = "k8s.io";

    /// <summary>Imports an OCI or docker-archive tarball (ctr images import) and unpacks it for the overlayfs snapshotter.</summary>
    public static async Task ImportAsync(string socketPath, string tarballPath, string ctrPath = "/usr/bin/ctr", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentException.ThrowIfNullOrEmpty(tarballPath);
        if (!File.Exists(tarballPath))
        {
            throw new FileNotFoundException($"image tarball {tarballPath} not found", tarballPath);
        }

        var start = new ProcessStartInfo(ctrPath, ["--address", socketPath, "--namespace", CriNamespace, "images", "import", tarballPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ctrPath}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{ctrPath} images import {tarballPath} failed (exit {process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}");
        }
    }
}
