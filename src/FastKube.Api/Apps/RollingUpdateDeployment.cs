using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// Rolling update bounds; each is a count or a percentage of replicas.
/// </summary>
public sealed class RollingUpdateDeployment
{
    [WireKey(1)]
    public IntOrString? MaxUnavailable { get; set; }

    [WireKey(2)]
    public IntOrString? MaxSurge { get; set; }
}
