using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Compute resource requests and limits of a container, e.g. cpu: 100m, memory: 128Mi.
/// </summary>
public sealed class ResourceRequirements
{
    [WireKey(1)]
    public Dictionary<string, Quantity>? Limits { get; set; }

    [WireKey(2)]
    public Dictionary<string, Quantity>? Requests { get; set; }
}
