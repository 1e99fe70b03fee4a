namespace FastKube.Api;

/// <summary>
/// How one top-level kind is served: its group/version/kind, REST resource name and scope, and the CLR
/// types of the object and its list. Entries come from <see cref="KubeTypes"/>.
/// </summary>
public sealed class KubeTypeInfo
{
    /// <summary>The API group; "" for the core (legacy) group served under /api.</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    /// <summary>The plural lower-case resource name in URLs, e.g. "pods".</summary>
    public required string Resource { get; init; }

    /// <summary>The singular name kubectl accepts, e.g. "pod".</summary>
    public required string SingularName { get; init; }

    public required bool Namespaced { get; init; }

    public required Type Type { get; init; }

    public required Type ListType { get; init; }

    /// <summary>kubectl short names, e.g. "po".</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Discovery categories; "all" puts the resource into <c>kubectl get all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Whether the resource has a /status subresource.</summary>
    public bool HasStatus { get; init; }

    /// <summary>Whether the resource has a /scale subresource (autoscaling/v1 Scale).</summary>
    public bool HasScale { get; init; }

    /// <summary>"v1" for the core group, otherwise "group/version": the apiVersion field of objects.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";
}
