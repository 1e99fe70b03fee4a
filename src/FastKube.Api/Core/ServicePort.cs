using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One port of a service; targetPort is a number or a container port name.
/// </summary>
public sealed class ServicePort
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Protocol { get; set; }

    [WireKey(3)]
    public string? AppProtocol { get; set; }

    [WireKey(4)]
    public int? Port { get; set; }

    [WireKey(5)]
    public IntOrString? TargetPort { get; set; }

    [WireKey(6)]
    public int? NodePort { get; set; }
}
