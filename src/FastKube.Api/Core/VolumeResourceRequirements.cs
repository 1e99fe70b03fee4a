using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Storage requests and limits, e.g. storage: 10Gi.
/// </summary>
public sealed class VolumeResourceRequirements
{
    [WireKey(1)]
    public Dictionary<string, Quantity>? Limits { get; set; }

    [WireKey(2)]
    public Dictionary<string, Quantity>? Requests { get; set; }
}
