using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The observed state of a pod (core/v1 PodStatus).
/// </summary>
public sealed class PodStatus
{
    [WireKey(1)]
    public long? ObservedGeneration { get; set; }

    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    [WireKey(2)]
    public string? Phase { get; set; }

    [WireKey(3)]
    public List<PodCondition>? Conditions { get; set; }

    [WireKey(4)]
    public string? Message { get; set; }

    [WireKey(5)]
    public string? Reason { get; set; }

    [WireKey(6)]
    public string? NominatedNodeName { get; set; }

    [WireKey(7)]
    public string? HostIP { get; set; }

    [WireKey(8)]
    public List<HostIP>? HostIPs { get; set; }

    [WireKey(9)]
    public string? PodIP { get; set; }

    [WireKey(10)]
    public List<PodIP>? PodIPs { get; set; }

    [WireKey(11)]
    public DateTimeOffset? StartTime { get; set; }

    [WireKey(12)]
    public List<ContainerStatus>? InitContainerStatuses { get; set; }

    [WireKey(13)]
    public List<ContainerStatus>? ContainerStatuses { get; set; }

    /// <summary>Guaranteed, Burstable or BestEffort.</summary>
    [WireKey(14)]
    public string? QOSClass { get; set; }
}
