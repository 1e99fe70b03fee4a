using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Running since startedAt.
/// </summary>
public sealed class ContainerStateRunning
{
    [WireKey(1)]
    public DateTimeOffset? StartedAt { get; set; }
}
