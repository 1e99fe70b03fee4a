using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Pod-level security settings (core/v1 PodSecurityContext); Windows options are not modelled.
/// </summary>
public sealed class PodSecurityContext
{
    [WireKey(1)]
    public SELinuxOptions? SeLinuxOptions { get; set; }

    [WireKey(2)]
    public long? RunAsUser { get; set; }

    [WireKey(3)]
    public long? RunAsGroup { get; set; }

    [WireKey(4)]
    public bool? RunAsNonRoot { get; set; }

    [WireKey(5)]
    public List<long>? SupplementalGroups { get; set; }

    [WireKey(6)]
    public string? SupplementalGroupsPolicy { get; set; }

    [WireKey(7)]
    public long? FsGroup { get; set; }

    [WireKey(8)]
    public List<Sysctl>? Sysctls { get; set; }

    [WireKey(9)]
    public string? FsGroupChangePolicy { get; set; }

    [WireKey(10)]
    public SeccompProfile? SeccompProfile { get; set; }

    [WireKey(11)]
    public AppArmorProfile? AppArmorProfile { get; set; }
}
