using FastKube.Api.Serialization;

namespace FastKube.Api.Discovery;

/// <summary>
/// A zone this endpoint should serve.
/// </summary>
public sealed class ForZone
{
    [WireKey(1)]
    public string? Name { get; set; }
}
