using FastKube.Api.Meta;

namespace FastKube.Api.Apply;

/// <summary>
/// Who owns a field set (upstream's manager identifier): the manager name, the operation, the subresource,
/// and for updates the API version. Appliers are one identity whatever version they apply at.
/// </summary>
public readonly record struct ManagerIdentity(string Manager, string Operation, string ApiVersion, string Subresource)
{
    public static ManagerIdentity Of(ManagedFieldsEntry entry) => new(
        entry.Manager ?? "",
        entry.Operation ?? ManagedFieldsOperations.Update,
        entry.Operation == ManagedFieldsOperations.Apply ? "" : entry.ApiVersion ?? "",
        entry.Subresource ?? "");

    /// <summary>How conflict messages name the manager: <c>"kubectl-client-side-apply" using apps/v1</c>.</summary>
    public override string ToString()
    {
        var text = $"\"{Manager}\"";
        if (Subresource.Length > 0)
        {
            text += $" with subresource \"{Subresource}\"";
        }

        return Operation == ManagedFieldsOperations.Update ? $"{text} using {ApiVersion}" : text;
    }
}
