using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Api.Policy;

namespace FastKube.Api.Apply;

/// <summary>
/// The schema facts server-side apply needs beyond the CLR types: which lists are sets or keyed maps
/// (the <c>+listType</c>/<c>+listMapKey</c> markers of k8s.io/api, published as
/// <c>x-kubernetes-list-type</c>/<c>x-kubernetes-list-map-keys</c>), which structs are atomic
/// (<c>+structType=atomic</c>), and the defaults of key fields that clients may omit. Everything else
/// follows from the JSON contract: objects are granular structs, dictionaries granular maps, untagged
/// lists atomic, raw JSON atomic.
/// </summary>
public static class ApplySchema
{
    private static readonly ListType ByName = ListType.MapBy("name");
    private static readonly ListType ByType = ListType.MapBy("type");
    private static readonly ListType ByIp = ListType.MapBy("ip");

    private static readonly Dictionary<(Type Type, string Field), ListType> Lists = new()
    {
        [(typeof(ObjectMeta), "finalizers")] = ListType.Set,
        [(typeof(ObjectMeta), "ownerReferences")] = ListType.MapBy("uid"),
        [(typeof(PodSpec), "containers")] = ByName,
        [(typeof(PodSpec), "initContainers")] = ByName,
        [(typeof(PodSpec), "ephemeralContainers")] = ByName,
        [(typeof(PodSpec), "volumes")] = ByName,
        [(typeof(PodSpec), "imagePullSecrets")] = ByName,
        [(typeof(PodSpec), "hostAliases")] = ByIp,
        [(typeof(PodSpec), "topologySpreadConstraints")] = ListType.MapBy("topologyKey", "whenUnsatisfiable"),
        [(typeof(PodSpec), "schedulingGates")] = ByName,
        [(typeof(PodSpec), "resourceClaims")] = ByName,
        [(typeof(Container), "ports")] = ListType.MapBy("containerPort", "protocol"),
        [(typeof(Container), "env")] = ByName,
        [(typeof(Container), "volumeMounts")] = ListType.MapBy("mountPath"),
        [(typeof(Container), "volumeDevices")] = ListType.MapBy("devicePath"),
        [(typeof(PodStatus), "conditions")] = ByType,
        [(typeof(PodStatus), "podIPs")] = ByIp,
        [(typeof(PodStatus), "hostIPs")] = ByIp,
        [(typeof(NodeSpec), "podCIDRs")] = ListType.Set,
        [(typeof(NodeStatus), "conditions")] = ByType,
        [(typeof(NodeStatus), "addresses")] = ByType,
        [(typeof(ServiceSpec), "ports")] = ListType.MapBy("port", "protocol"),
        [(typeof(ServiceStatus), "conditions")] = ByType,
        [(typeof(ServiceAccount), "secrets")] = ByName,
        [(typeof(NamespaceStatus), "conditions")] = ByType,
        [(typeof(DeploymentStatus), "conditions")] = ByType,
        [(typeof(ReplicaSetStatus), "conditions")] = ByType,
        [(typeof(DaemonSetStatus), "conditions")] = ByType,
        [(typeof(StatefulSetStatus), "conditions")] = ByType,
        [(typeof(JobStatus), "conditions")] = ByType,
        [(typeof(PodDisruptionBudgetStatus), "conditions")] = ByType,
        [(typeof(EndpointSlice), "endpoints")] = ListType.Atomic,
    };

    // Structs replaced whole and owned as one field.
    private static readonly HashSet<Type> AtomicStructs =
    [
        typeof(LabelSelector),
        typeof(NodeSelector),
        typeof(NodeSelectorTerm),
        typeof(LocalObjectReference),
        typeof(ObjectReference),
        typeof(ConfigMapKeySelector),
        typeof(SecretKeySelector),
        typeof(ObjectFieldSelector),
        typeof(ResourceFieldSelector),
    ];

    // Key fields with a schema default (+default="TCP"): an item that omits one is keyed by the default.
    private static readonly Dictionary<(Type Type, string Field), string> KeyDefaults = new()
    {
        [(typeof(ContainerPort), "protocol")] = "TCP",
        [(typeof(ServicePort), "protocol")] = "TCP",
    };

    /// <summary>The list type of field <paramref name="field"/> (JSON name) of <paramref name="type"/>; atomic when untagged.</summary>
    public static ListType ListOf(Type? type, string field) =>
        type is not null && Lists.TryGetValue((type, field), out var list) ? list : ListType.Atomic;

    /// <summary>Whether objects of <paramref name="type"/> are replaced and owned whole.</summary>
    public static bool IsAtomicStruct(Type type) => AtomicStructs.Contains(type);

    /// <summary>The default of key field <paramref name="field"/> in items of <paramref name="itemType"/>, if it has one.</summary>
    public static string? KeyDefault(Type? itemType, string field) =>
        itemType is not null && KeyDefaults.TryGetValue((itemType, field), out var value) ? value : null;
}
