using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The component (and host) that reported an event.
/// </summary>
public sealed class EventSource
{
    [WireKey(1)]
    public string? Component { get; set; }

    [WireKey(2)]
    public string? Host { get; set; }
}
