using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A bound service account token inside a projected volume.
/// </summary>
public sealed class ServiceAccountTokenProjection
{
    [WireKey(1)]
    public string? Audience { get; set; }

    [WireKey(2)]
    public long? ExpirationSeconds { get; set; }

    [WireKey(3)]
    public string? Path { get; set; }
}
