using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// Whether claims from volumeClaimTemplates are kept (Retain) or deleted (Delete).
/// </summary>
public sealed class StatefulSetPersistentVolumeClaimRetentionPolicy
{
    [WireKey(1)]
    public string? WhenDeleted { get; set; }

    [WireKey(2)]
    public string? WhenScaled { get; set; }
}
