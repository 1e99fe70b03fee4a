using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A port a container exposes.
/// </summary>
public sealed class ContainerPort
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public int? HostPort { get; set; }

    /// <summary>The port number in the container (JSON containerPort; a member cannot share its class name).</summary>
    [WireKey(3)]
    [JsonPropertyName("containerPort")]
    public int? Port { get; set; }

    /// <summary>TCP, UDP or SCTP.</summary>
    [WireKey(4)]
    public string? Protocol { get; set; }

    [WireKey(5)]
    public string? HostIP { get; set; }
}
