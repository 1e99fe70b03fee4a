using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Session affinity settings.
/// </summary>
public sealed class SessionAffinityConfig
{
    [WireKey(1)]
    public ClientIPConfig? ClientIP { get; set; }
}
