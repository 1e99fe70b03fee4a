namespace FastKube.Client;

/// <summary>The patch formats the API server takes, by their Content-Type.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch, <c>application/merge-patch+json</c>.</summary>
    Merge,

    /// <summary>Kubernetes strategic merge patch (lists merge by key), <c>application/strategic-merge-patch+json</c>.</summary>
    StrategicMerge,

    /// <summary>RFC 6902 JSON patch, <c>application/json-patch+json</c>.</summary>
    Json,
}
