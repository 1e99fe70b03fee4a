using FastKube.Cri.Containerd;

namespace FastKube.Cri.Tests.Support;

/// <summary>
/// A fact that runs a real containerd: root, containerd + runc + the CNI plugins (scripts/install-deps
/// installs them), busybox-static and python3 for the image, and overlayfs. xunit 2 has no dynamic skip,
/// so the attribute sets <see cref="FactAttribute.Skip"/> with every missing piece named.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContainerdFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public ContainerdFactAttribute()
    {
        // A hung containerd fails the test instead of the run (async tests only, which all of these are).
        Timeout = 300_000;
        if (MissingReason is { } reason)
        {
            Skip = reason;
        }
    }

    public static string? MissingReason => Missing.Value;

    private static string? Probe()
    {
        var missing = ManagedContainerd.FindMissingPrerequisites(new ManagedContainerdOptions { BaseDirectory = "/", PodCidr = "10.0.0.0/24" }).ToList();
        if (!File.Exists("/bin/busybox"))
        {
            missing.Add("/bin/busybox (package busybox-static) for the test image");
        }

        if (!File.Exists("/usr/bin/python3"))
        {
            missing.Add("/usr/bin/python3 for scripts/build-busybox-image");
        }

        if (!File.ReadAllText("/proc/filesystems").Contains("overlay", StringComparison.Ordinal))
        {
            missing.Add("overlayfs in the kernel (containerd's snapshotter)");
        }

        return missing.Count == 0 ? null : "needs a real containerd; missing: " + string.Join("; ", missing);
    }
}
