namespace FastKube.Cri.Containerd;

/// <summary>How FastKube runs its own containerd. Defaults fit a Debian host with the distro packages.</summary>
public sealed record ManagedContainerdOptions
{
    /// <summary>
    /// Directory holding everything the instance owns: config, socket, root and state, CNI config, IPAM
    /// leases, containerd's log. The socket path inside it must stay under the 108-byte unix socket limit.
    /// </summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The node's pod CIDR (IPv4), e.g. 10.244.0.0/24; pod IPs come from it, the bridge takes the first address.</summary>
    public required string PodCidr { get; init; }

    /// <summary>The Linux bridge the pods attach to; at most 15 characters (IFNAMSIZ - 1). Default fk0.</summary>
    public string BridgeName { get; init; } = "fk0";

    /// <summary>CNI network name (also the host-local IPAM directory name). Default fastkube.</summary>
    public string NetworkName { get; init; } = "fastkube";

    /// <summary>
    /// Masquerade pod traffic leaving the pod CIDR (bridge plugin ipMasq, iptables rules per pod). Default true,
    /// so pods reach beyond the node; tests turn it off to leave the host firewall alone.
    /// </summary>
    public bool IpMasquerade { get; init; } = true;

    /// <summary>The CRI sandbox ("pause") image. Default the busybox image scripts/build-busybox-image makes.</summary>
    public string SandboxImage { get; init; } = "localhost/fastkube/busybox:latest";

    public string ContainerdPath { get; init; } = "/usr/bin/containerd";

    /// <summary>containerd's own CLI, used only to import image tarballs (CRI has no import call).</summary>
    public string CtrPath { get; init; } = "/usr/bin/ctr";

    /// <summary>Where the CNI plugin binaries are; Debian's containernetworking-plugins puts them in /usr/lib/cni.</summary>
    public string CniBinDirectory { get; init; } = "/usr/lib/cni";

    /// <summary>containerd log level (trace, debug, info, warn, error). Default info.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>Time allowed from process start to CRI ready (runtime and network conditions true). Default 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed between SIGTERM and SIGKILL on stop. Default 10 s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Risky: on dispose, remove every pod sandbox first, then after containerd stops kill leftover container
    /// processes, unmount everything under <see cref="BaseDirectory"/>, delete the bridge and the directory.
    /// For tests and throwaway benchmark runs; a node agent leaves its pods running across restarts.
    /// </summary>
    public bool DeleteEverythingOnDispose { get; init; }
}
