using System.Text.Json;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One field manager's ownership record (meta/v1 ManagedFieldsEntry): who wrote which fields, with which
/// operation, at which API version. <see cref="FieldsV1"/> is the upstream <c>f:</c>/<c>k:</c>/<c>v:</c>/<c>i:</c>
/// trie (see FastKube.Api.Apply.FieldSet).
/// </summary>
public sealed class ManagedFieldsEntry
{
    [WireKey(1)]
    public string? Manager { get; set; }

    /// <summary>See <see cref="ManagedFieldsOperations"/>.</summary>
    [WireKey(2)]
    public string? Operation { get; set; }

    [WireKey(3)]
    public string? ApiVersion { get; set; }

    [WireKey(4)]
    public DateTimeOffset? Time { get; set; }

    /// <summary>Always "FieldsV1" (the only format upstream defines).</summary>
    [WireKey(5)]
    public string? FieldsType { get; set; }

    [WireKey(6)]
    public JsonElement? FieldsV1 { get; set; }

    /// <summary>The subresource written through ("status", "scale"), empty for the main resource.</summary>
    [WireKey(7)]
    public string? Subresource { get; set; }
}
