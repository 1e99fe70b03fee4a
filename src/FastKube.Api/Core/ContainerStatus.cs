using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The observed state of one container.
/// </summary>
public sealed class ContainerStatus
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public ContainerState? State { get; set; }

    [WireKey(3)]
    public ContainerState? LastState { get; set; }

    [WireKey(4)]
    public bool? Ready { get; set; }

    [WireKey(5)]
    public int? RestartCount { get; set; }

    [WireKey(6)]
    public string? Image { get; set; }

    [WireKey(7)]
    public string? ImageID { get; set; }

    [WireKey(8)]
    public string? ContainerID { get; set; }

    [WireKey(9)]
    public bool? Started { get; set; }

    [WireKey(10)]
    public Dictionary<string, Quantity>? AllocatedResources { get; set; }

    [WireKey(11)]
    public ResourceRequirements? Resources { get; set; }
}
