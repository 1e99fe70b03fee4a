using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// The server address to use for clients in a CIDR.
/// </summary>
public sealed class ServerAddressByClientCIDR
{
    [WireKey(1)]
    public string? ClientCIDR { get; set; }

    [WireKey(2)]
    public string? ServerAddress { get; set; }
}
