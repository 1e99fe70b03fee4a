using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Container-level security settings (core/v1 SecurityContext); Windows options are not modelled.
/// </summary>
public sealed class SecurityContext
{
    [WireKey(1)]
    public Capabilities? Capabilities { get; set; }

    [WireKey(2)]
    public bool? Privileged { get; set; }

    [WireKey(3)]
    public SELinuxOptions? SeLinuxOptions { get; set; }

    [WireKey(4)]
    public long? RunAsUser { get; set; }

    [WireKey(5)]
    public long? RunAsGroup { get; set; }

    [WireKey(6)]
    public bool? RunAsNonRoot { get; set; }

    [WireKey(7)]
    public bool? ReadOnlyRootFilesystem { get; set; }

    [WireKey(8)]
    public bool? AllowPrivilegeEscalation { get; set; }

    [WireKey(9)]
    public string? ProcMount { get; set; }

    [WireKey(10)]
    public SeccompProfile? SeccompProfile { get; set; }

    [WireKey(11)]
    public AppArmorProfile? AppArmorProfile { get; set; }
}
