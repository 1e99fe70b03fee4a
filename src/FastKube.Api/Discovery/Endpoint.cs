using FastKube.Api.Core;
using FastKube.Api.Serialization;

namespace FastKube.Api.Discovery;

/// <summary>
/// One backend of a slice.
/// </summary>
public sealed class Endpoint
{
    [WireKey(1)]
    public List<string>? Addresses { get; set; }

    [WireKey(2)]
    public EndpointConditions? Conditions { get; set; }

    [WireKey(3)]
    public string? Hostname { get; set; }

    [WireKey(4)]
    public ObjectReference? TargetRef { get; set; }

    [WireKey(5)]
    public string? NodeName { get; set; }

    [WireKey(6)]
    public string? Zone { get; set; }

    [WireKey(7)]
    public EndpointHints? Hints { get; set; }
}
