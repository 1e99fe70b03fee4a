using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Coordination;

/// <summary>
/// Who holds the lease and until when (renewTime + leaseDurationSeconds).
/// </summary>
public sealed class LeaseSpec
{
    [WireKey(1)]
    public string? HolderIdentity { get; set; }

    [WireKey(2)]
    public int? LeaseDurationSeconds { get; set; }

    [WireKey(3)]
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    [WireKey(4)]
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    [WireKey(5)]
    public int? LeaseTransitions { get; set; }

    [WireKey(6)]
    public string? Strategy { get; set; }

    [WireKey(7)]
    public string? PreferredHolder { get; set; }
}
