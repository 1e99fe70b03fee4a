using FastKube.Api.Serialization;

namespace FastKube.Api.Discovery;

/// <summary>
/// One port of an <see cref="EndpointSlice"/>.
/// </summary>
public sealed class EndpointPort
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Protocol { get; set; }

    [WireKey(3)]
    public int? Port { get; set; }

    [WireKey(4)]
    public string? AppProtocol { get; set; }
}
