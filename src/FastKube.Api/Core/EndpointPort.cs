using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One port of an <see cref="EndpointSubset"/>.
/// </summary>
public sealed class EndpointPort
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public int? Port { get; set; }

    [WireKey(3)]
    public string? Protocol { get; set; }

    [WireKey(4)]
    public string? AppProtocol { get; set; }
}
