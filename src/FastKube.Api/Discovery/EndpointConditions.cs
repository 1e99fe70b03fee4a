using FastKube.Api.Serialization;

namespace FastKube.Api.Discovery;

/// <summary>
/// ready, serving and terminating; absent ready means ready.
/// </summary>
public sealed class EndpointConditions
{
    [WireKey(1)]
    public bool? Ready { get; set; }

    [WireKey(2)]
    public bool? Serving { get; set; }

    [WireKey(3)]
    public bool? Terminating { get; set; }
}
