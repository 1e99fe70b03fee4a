using FastKube.Cri.Containerd;

namespace FastKube.Tests.Support;

/// <summary>
/// A fact that needs <c>fastkube up</c> to run a real node and its service proxy: root, containerd + runc + the
/// CNI plugins (scripts/install-deps installs them), busybox-static for the image and nf_tables in the kernel.
/// xunit 2 has no dynamic skip, so the attribute sets <see cref="FactAttribute.Skip"/> naming what is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealNodeFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public RealNodeFactAttribute()
    {
        Timeout = 300_000;
        if (Missing.Value is { } reason)
        {
            Skip = reason;
        }
    }

    public static bool Available => Missing.Value is null;

    private static string? Probe()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return "a real node needs root (containerd, CNI, nf_tables)";
        }

        var missing = ManagedContainerd.FindMissingPrerequisites(new ManagedContainerdOptions { BaseDirectory = "/", PodCidr = "10.0.0.0/24" }).ToList();
        if (!File.Exists("/bin/busybox"))
        {
            missing.Add("/bin/busybox (package busybox-static) for the node image");
        }

        try
        {
            using var nft = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("nft", ["list", "tables"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            nft.WaitForExit();
            if (nft.ExitCode != 0)
            {
                missing.Add("nf_tables (nft list tables failed) for the service proxy");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            missing.Add("nft (package nftables) to check nf_tables");
        }

        return missing.Count == 0 ? null : "a real node cannot run here: " + string.Join("; ", missing);
    }
}
