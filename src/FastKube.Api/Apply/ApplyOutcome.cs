using System.Text.Json.Nodes;
using FastKube.Api.Meta;

namespace FastKube.Api.Apply;

/// <summary>The result of <see cref="FieldManager.Apply"/>: the merged object and its managedFields, or the conflicts, or an error.</summary>
public sealed record ApplyOutcome(JsonObject? Object, List<ManagedFieldsEntry>? ManagedFields, IReadOnlyList<ApplyConflict> Conflicts, string Error)
{
    public bool Succeeded => Object is not null;
}
