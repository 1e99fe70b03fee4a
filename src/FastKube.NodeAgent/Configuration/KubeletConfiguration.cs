namespace FastKube.NodeAgent.Configuration;

/// <summary>
/// The node agent's kubelet settings in upstream's KubeletConfiguration shape
/// (<c>kubelet.config.k8s.io/v1beta1</c>), reduced to the fields FastKube uses, plus FastKube's own
/// (nodeName, nodeIP, podLogsDirectory, rootDirectory, nodeCapacity). Defaults are upstream's where upstream
/// has the field; docs/node-agent.md lists every one. Read files with <see cref="KubeletConfigurationLoader"/>.
/// </summary>
public sealed record KubeletConfiguration
{
    public const string ApiVersion = "kubelet.config.k8s.io/v1beta1";
    public const string KindName = "KubeletConfiguration";

    /// <summary>The Node's name; empty means the host name, lower-cased (upstream's --hostname-override default).</summary>
    public string NodeName { get; init; } = "";

    /// <summary>The InternalIP address reported; empty means the first non-loopback IPv4 address (else 127.0.0.1).</summary>
    public string NodeIP { get; init; } = "";

    /// <summary>Listen address of the agent's server (logs, health).</summary>
    public string Address { get; init; } = "0.0.0.0";

    /// <summary>Port of the agent's server, reported as daemonEndpoints.kubeletEndpoint.Port.</summary>
    public int Port { get; init; } = 10250;

    public int MaxPods { get; init; } = 110;

    /// <summary>The Node's spec.podCIDR when the agent creates it; empty leaves it unset.</summary>
    public string PodCIDR { get; init; } = "";

    /// <summary>How often the agent computes node status (and patches it when it changed).</summary>
    public TimeSpan NodeStatusUpdateFrequency { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time between two node status patches even when nothing changed.</summary>
    public TimeSpan NodeStatusReportFrequency { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The node Lease's duration; the agent renews it every quarter of this (upstream's renew interval).</summary>
    public int NodeLeaseDurationSeconds { get; init; } = 40;

    /// <summary>How often every pod is synced even without events (upstream syncFrequency).</summary>
    public TimeSpan SyncFrequency { get; init; } = TimeSpan.FromMinutes(1);

    public string ContainerRuntimeEndpoint { get; init; } = "unix:///run/containerd/containerd.sock";

    /// <summary>cgroupfs or systemd; must match the runtime's (the managed containerd uses cgroupfs).</summary>
    public string CgroupDriver { get; init; } = "cgroupfs";

    /// <summary>Hard eviction thresholds (signal → quantity or percentage); upstream's Linux defaults.</summary>
    public IReadOnlyDictionary<string, string> EvictionHard { get; init; } = DefaultEvictionHard;

    public int ImageGCHighThresholdPercent { get; init; } = 85;

    public int ImageGCLowThresholdPercent { get; init; } = 80;

    /// <summary>Where pod log directories live: {podLogsDirectory}/{namespace}_{name}_{uid}.</summary>
    public string PodLogsDirectory { get; init; } = "/var/log/pods";

    /// <summary>The agent's state directory; ephemeral-storage capacity is its filesystem's size.</summary>
    public string RootDirectory { get; init; } = "/var/lib/fastkube/agent";

    /// <summary>Capacity entries that replace what the machine reports (e.g. cpu: "4", memory: 8Gi); FastKube's own.</summary>
    public IReadOnlyDictionary<string, string> NodeCapacity { get; init; } = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> DefaultEvictionHard { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["memory.available"] = "100Mi",
        ["nodefs.available"] = "10%",
        ["nodefs.inodesFree"] = "5%",
        ["imagefs.available"] = "15%",
    };

    /// <summary>The eviction signals upstream accepts in evictionHard on Linux.</summary>
    public static IReadOnlyList<string> EvictionSignals { get; } =
        ["memory.available", "nodefs.available", "nodefs.inodesFree", "imagefs.available", "imagefs.inodesFree", "pid.available"];

    /// <summary><see cref="NodeName"/>, or the host name lower-cased when it is empty.</summary>
    public string EffectiveNodeName => NodeName.Length > 0 ? NodeName : Environment.MachineName.ToLowerInvariant();

    /// <summary>Renew interval of the node Lease: a quarter of its duration (upstream's 10 s for 40 s).</summary>
    public TimeSpan LeaseRenewInterval => TimeSpan.FromSeconds(NodeLeaseDurationSeconds / 4.0);
}
