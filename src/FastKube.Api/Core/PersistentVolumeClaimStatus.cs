using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The observed state of a claim.
/// </summary>
public sealed class PersistentVolumeClaimStatus
{
    [WireKey(1)]
    public string? Phase { get; set; }

    [WireKey(2)]
    public List<string>? AccessModes { get; set; }

    [WireKey(3)]
    public Dictionary<string, Quantity>? Capacity { get; set; }
}
