namespace FastKube.Api.Serialization.Protobuf;

internal enum ProtoKind
{
    String,
    Bool,
    Int32,
    Int64,
    Bytes,
    Time,
    RepeatedString,
    MapStringString,
    MapStringBytes,
    Message,
    RepeatedMessage,
}

internal sealed record ProtoField(string Name, ProtoKind Kind, ProtoMessage? Message = null);

internal sealed record ProtoMessage(string Name, Dictionary<int, ProtoField> Fields);

/// <summary>
/// Upstream's protobuf field numbers (facts from k8s.io/api core/v1 and apimachinery meta/v1
/// generated.proto) for the messages FastKube reads, mapped to their JSON names.
/// </summary>
internal static class ProtoSchemas
{
    private static readonly ProtoMessage OwnerReference = new("OwnerReference", new()
    {
        [1] = new("kind", ProtoKind.String),
        [3] = new("name", ProtoKind.String),
        [4] = new("uid", ProtoKind.String),
        [5] = new("apiVersion", ProtoKind.String),
        [6] = new("controller", ProtoKind.Bool),
        [7] = new("blockOwnerDeletion", ProtoKind.Bool),
    });

    private static readonly ProtoMessage ObjectMeta = new("ObjectMeta", new()
    {
        [1] = new("name", ProtoKind.String),
        [2] = new("generateName", ProtoKind.String),
        [3] = new("namespace", ProtoKind.String),
        [5] = new("uid", ProtoKind.String),
        [6] = new("resourceVersion", ProtoKind.String),
        [7] = new("generation", ProtoKind.Int64),
        [8] = new("creationTimestamp", ProtoKind.Time),
        [9] = new("deletionTimestamp", ProtoKind.Time),
        [10] = new("deletionGracePeriodSeconds", ProtoKind.Int64),
        [11] = new("labels", ProtoKind.MapStringString),
        [12] = new("annotations", ProtoKind.MapStringString),
        [13] = new("ownerReferences", ProtoKind.RepeatedMessage, OwnerReference),
        [14] = new("finalizers", ProtoKind.RepeatedString),
    });

    private static readonly ProtoMessage ObjectReference = new("ObjectReference", new()
    {
        [1] = new("kind", ProtoKind.String),
        [2] = new("namespace", ProtoKind.String),
        [3] = new("name", ProtoKind.String),
        [4] = new("uid", ProtoKind.String),
        [5] = new("apiVersion", ProtoKind.String),
        [6] = new("resourceVersion", ProtoKind.String),
        [7] = new("fieldPath", ProtoKind.String),
    });

    private static readonly ProtoMessage LocalObjectReference = new("LocalObjectReference", new() { [1] = new("name", ProtoKind.String) });

    /// <summary>Top-level kinds by name.</summary>
    public static readonly Dictionary<string, ProtoMessage> Objects = new(StringComparer.Ordinal)
    {
        ["Namespace"] = new("Namespace", new()
        {
            [1] = new("metadata", ProtoKind.Message, ObjectMeta),
            [2] = new("spec", ProtoKind.Message, new("NamespaceSpec", new() { [1] = new("finalizers", ProtoKind.RepeatedString) })),
            [3] = new("status", ProtoKind.Message, new("NamespaceStatus", new() { [1] = new("phase", ProtoKind.String) })),
        }),
        ["ConfigMap"] = new("ConfigMap", new()
        {
            [1] = new("metadata", ProtoKind.Message, ObjectMeta),
            [2] = new("data", ProtoKind.MapStringString),
            [3] = new("binaryData", ProtoKind.MapStringBytes),
            [4] = new("immutable", ProtoKind.Bool),
        }),
        ["Secret"] = new("Secret", new()
        {
            [1] = new("metadata", ProtoKind.Message, ObjectMeta),
            [2] = new("data", ProtoKind.MapStringBytes),
            [3] = new("type", ProtoKind.String),
            [4] = new("stringData", ProtoKind.MapStringString),
            [5] = new("immutable", ProtoKind.Bool),
        }),
        ["ServiceAccount"] = new("ServiceAccount", new()
        {
            [1] = new("metadata", ProtoKind.Message, ObjectMeta),
            [2] = new("secrets", ProtoKind.RepeatedMessage, ObjectReference),
            [3] = new("imagePullSecrets", ProtoKind.RepeatedMessage, LocalObjectReference),
            [4] = new("automountServiceAccountToken", ProtoKind.Bool),
        }),
    };
}
