using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Hooks run after a container starts and before it stops.
/// </summary>
public sealed class Lifecycle
{
    [WireKey(1)]
    public LifecycleHandler? PostStart { get; set; }

    [WireKey(2)]
    public LifecycleHandler? PreStop { get; set; }
}
