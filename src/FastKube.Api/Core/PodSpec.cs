using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The desired state of a pod (core/v1 PodSpec). Ephemeral containers, resource claims and
/// pod-level resources are not modelled.
/// </summary>
public sealed class PodSpec
{
    [WireKey(1)]
    public List<Volume>? Volumes { get; set; }

    [WireKey(2)]
    public List<Container>? InitContainers { get; set; }

    [WireKey(3)]
    public List<Container>? Containers { get; set; }

    /// <summary>Always, OnFailure or Never.</summary>
    [WireKey(4)]
    public string? RestartPolicy { get; set; }

    [WireKey(5)]
    public long? TerminationGracePeriodSeconds { get; set; }

    [WireKey(6)]
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>ClusterFirst, ClusterFirstWithHostNet, Default or None.</summary>
    [WireKey(7)]
    public string? DnsPolicy { get; set; }

    [WireKey(8)]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [WireKey(9)]
    public string? ServiceAccountName { get; set; }

    /// <summary>Deprecated alias of serviceAccountName.</summary>
    [WireKey(10)]
    public string? ServiceAccount { get; set; }

    [WireKey(11)]
    public bool? AutomountServiceAccountToken { get; set; }

    [WireKey(12)]
    public string? NodeName { get; set; }

    [WireKey(13)]
    public bool? HostNetwork { get; set; }

    [WireKey(14)]
    public bool? HostPID { get; set; }

    [WireKey(15)]
    public bool? HostIPC { get; set; }

    [WireKey(16)]
    public bool? ShareProcessNamespace { get; set; }

    [WireKey(17)]
    public PodSecurityContext? SecurityContext { get; set; }

    [WireKey(18)]
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    [WireKey(19)]
    public string? Hostname { get; set; }

    [WireKey(20)]
    public string? Subdomain { get; set; }

    [WireKey(21)]
    public Affinity? Affinity { get; set; }

    [WireKey(22)]
    public string? SchedulerName { get; set; }

    [WireKey(23)]
    public List<Toleration>? Tolerations { get; set; }

    [WireKey(24)]
    public List<HostAlias>? HostAliases { get; set; }

    [WireKey(25)]
    public string? PriorityClassName { get; set; }

    [WireKey(26)]
    public int? Priority { get; set; }

    [WireKey(27)]
    public PodDNSConfig? DnsConfig { get; set; }

    [WireKey(28)]
    public List<PodReadinessGate>? ReadinessGates { get; set; }

    [WireKey(29)]
    public string? RuntimeClassName { get; set; }

    [WireKey(30)]
    public bool? EnableServiceLinks { get; set; }

    [WireKey(31)]
    public string? PreemptionPolicy { get; set; }

    [WireKey(32)]
    public Dictionary<string, Quantity>? Overhead { get; set; }

    [WireKey(33)]
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }

    [WireKey(34)]
    public bool? SetHostnameAsFQDN { get; set; }

    [WireKey(35)]
    public PodOS? Os { get; set; }

    [WireKey(36)]
    public bool? HostUsers { get; set; }

    [WireKey(37)]
    public List<PodSchedulingGate>? SchedulingGates { get; set; }
}
