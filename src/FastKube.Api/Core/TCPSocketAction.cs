using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A TCP connect; an accepted connection is success.
/// </summary>
public sealed class TCPSocketAction
{
    [WireKey(1)]
    public IntOrString? Port { get; set; }

    [WireKey(2)]
    public string? Host { get; set; }
}
