using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One endpoint address.
/// </summary>
public sealed class EndpointAddress
{
    [WireKey(1)]
    public string? IP { get; set; }

    [WireKey(2)]
    public string? Hostname { get; set; }

    [WireKey(3)]
    public string? NodeName { get; set; }

    [WireKey(4)]
    public ObjectReference? TargetRef { get; set; }
}
