using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Selects a container's resource request or limit (downward API), scaled by divisor.
/// </summary>
public sealed class ResourceFieldSelector
{
    [WireKey(1)]
    public string? ContainerName { get; set; }

    [WireKey(2)]
    public string? Resource { get; set; }

    [WireKey(3)]
    public Quantity? Divisor { get; set; }
}
