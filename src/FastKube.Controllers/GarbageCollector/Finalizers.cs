namespace FastKube.Controllers.GarbageCollector;

/// <summary>The garbage collector's finalizers, which the API server adds for the Orphan and Foreground propagation policies.</summary>
internal static class Finalizers
{
    public const string Orphan = "orphan";
    public const string Foreground = "foregroundDeletion";

    public static bool Has(Api.Meta.ObjectMeta? meta, string finalizer) => meta?.Finalizers?.Contains(finalizer) == true;
}
