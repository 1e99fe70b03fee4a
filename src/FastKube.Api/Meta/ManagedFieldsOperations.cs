namespace FastKube.Api.Meta;

/// <summary>The <see cref="ManagedFieldsEntry.Operation"/> values of meta/v1 (ManagedFieldsOperationType).</summary>
public static class ManagedFieldsOperations
{
    /// <summary>A server-side apply: the manager's set is exactly its last applied configuration.</summary>
    public const string Apply = "Apply";

    /// <summary>Any other write (create, update, patch): the manager owns what it changed.</summary>
    public const string Update = "Update";
}
