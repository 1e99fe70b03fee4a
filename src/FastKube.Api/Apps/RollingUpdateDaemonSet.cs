using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// Rolling update bounds of a daemon set; counts or percentages of nodes.
/// </summary>
public sealed class RollingUpdateDaemonSet
{
    [WireKey(1)]
    public IntOrString? MaxUnavailable { get; set; }

    [WireKey(2)]
    public IntOrString? MaxSurge { get; set; }
}
