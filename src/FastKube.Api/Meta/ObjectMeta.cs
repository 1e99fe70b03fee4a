using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// Metadata every persisted object carries (meta/v1 ObjectMeta).
/// </summary>
public sealed class ObjectMeta
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? GenerateName { get; set; }

    [WireKey(3)]
    public string? Namespace { get; set; }

    [WireKey(4)]
    public string? SelfLink { get; set; }

    [WireKey(5)]
    public string? Uid { get; set; }

    [WireKey(6)]
    public string? ResourceVersion { get; set; }

    [WireKey(7)]
    public long? Generation { get; set; }

    [WireKey(8)]
    public DateTimeOffset? CreationTimestamp { get; set; }

    [WireKey(9)]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    [WireKey(10)]
    public long? DeletionGracePeriodSeconds { get; set; }

    [WireKey(11)]
    public Dictionary<string, string>? Labels { get; set; }

    [WireKey(12)]
    public Dictionary<string, string>? Annotations { get; set; }

    [WireKey(13)]
    public List<OwnerReference>? OwnerReferences { get; set; }

    [WireKey(14)]
    public List<string>? Finalizers { get; set; }

    /// <summary>Field ownership for server-side apply, maintained by the API server.</summary>
    [WireKey(15)]
    public List<ManagedFieldsEntry>? ManagedFields { get; set; }
}
