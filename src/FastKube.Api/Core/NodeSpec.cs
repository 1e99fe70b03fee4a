using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The desired state of a node.
/// </summary>
public sealed class NodeSpec
{
    [WireKey(1)]
    public string? PodCIDR { get; set; }

    [WireKey(2)]
    public List<string>? PodCIDRs { get; set; }

    [WireKey(3)]
    public string? ProviderID { get; set; }

    [WireKey(4)]
    public bool? Unschedulable { get; set; }

    [WireKey(5)]
    public List<Taint>? Taints { get; set; }
}
