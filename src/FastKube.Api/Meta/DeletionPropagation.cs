namespace FastKube.Api.Meta;

/// <summary>The <see cref="DeleteOptions.PropagationPolicy"/> values: what happens to dependents.</summary>
public static class DeletionPropagation
{
    /// <summary>Dependents are left behind with their owner reference removed.</summary>
    public const string Orphan = "Orphan";

    /// <summary>The owner goes at once; the garbage collector deletes dependents afterwards.</summary>
    public const string Background = "Background";

    /// <summary>The owner stays (with the foregroundDeletion finalizer) until blocking dependents are gone.</summary>
    public const string Foreground = "Foreground";
}
