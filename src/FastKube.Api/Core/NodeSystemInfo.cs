using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Facts the node agent reports about its machine.
/// </summary>
public sealed class NodeSystemInfo
{
    [WireKey(1)]
    public string? MachineID { get; set; }

    [WireKey(2)]
    public string? SystemUUID { get; set; }

    [WireKey(3)]
    public string? BootID { get; set; }

    [WireKey(4)]
    public string? KernelVersion { get; set; }

    [WireKey(5)]
    public string? OsImage { get; set; }

    [WireKey(6)]
    public string? ContainerRuntimeVersion { get; set; }

    [WireKey(7)]
    public string? KubeletVersion { get; set; }

    [WireKey(8)]
    public string? KubeProxyVersion { get; set; }

    [WireKey(9)]
    public string? OperatingSystem { get; set; }

    [WireKey(10)]
    public string? Architecture { get; set; }
}
