using System.Diagnostics.CodeAnalysis;
using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Policy;
using FastKube.Api.Scheduling;

namespace FastKube.Api;

/// <summary>
/// The registry of every top-level kind FastKube serves: (group, version, kind) ↔ (resource, scope,
/// CLR types). Resource names, short names, categories and subresources follow upstream's discovery.
/// </summary>
public static class KubeTypes
{
    private static readonly string[] AllCategory = ["all"];

    public static IReadOnlyList<KubeTypeInfo> All { get; } =
    [
        Core<Namespace, NamespaceList>(Namespace.KindName, "namespaces", namespaced: false, ["ns"], status: true),
        Core<Pod, PodList>(Pod.KindName, "pods", namespaced: true, ["po"], status: true, all: true),
        Core<Service, ServiceList>(Service.KindName, "services", namespaced: true, ["svc"], status: true, all: true),
        Core<Endpoints, EndpointsList>(Endpoints.KindName, "endpoints", namespaced: true, ["ep"], singular: "endpoints"),
        Core<Node, NodeList>(Node.KindName, "nodes", namespaced: false, ["no"], status: true),
        Core<ConfigMap, ConfigMapList>(ConfigMap.KindName, "configmaps", namespaced: true, ["cm"]),
        Core<Secret, SecretList>(Secret.KindName, "secrets", namespaced: true, []),
        Core<ServiceAccount, ServiceAccountList>(ServiceAccount.KindName, "serviceaccounts", namespaced: true, ["sa"]),
        Core<Event, EventList>(Event.KindName, "events", namespaced: true, ["ev"]),
        Core<PersistentVolumeClaim, PersistentVolumeClaimList>(PersistentVolumeClaim.KindName, "persistentvolumeclaims", namespaced: true, ["pvc"], status: true),
        Grouped<Deployment, DeploymentList>("apps", Deployment.KindName, "deployments", ["deploy"], status: true, scale: true, all: true),
        Grouped<ReplicaSet, ReplicaSetList>("apps", ReplicaSet.KindName, "replicasets", ["rs"], status: true, scale: true, all: true),
        Grouped<DaemonSet, DaemonSetList>("apps", DaemonSet.KindName, "daemonsets", ["ds"], status: true, all: true),
        Grouped<StatefulSet, StatefulSetList>("apps", StatefulSet.KindName, "statefulsets", ["sts"], status: true, scale: true, all: true),
        Grouped<ControllerRevision, ControllerRevisionList>("apps", ControllerRevision.KindName, "controllerrevisions", []),
        Grouped<EndpointSlice, EndpointSliceList>("discovery.k8s.io", EndpointSlice.KindName, "endpointslices", []),
        Grouped<Job, JobList>("batch", Job.KindName, "jobs", [], status: true, all: true),
        Grouped<Lease, LeaseList>("coordination.k8s.io", Lease.KindName, "leases", []),
        Grouped<PodDisruptionBudget, PodDisruptionBudgetList>("policy", PodDisruptionBudget.KindName, "poddisruptionbudgets", ["pdb"], status: true),
        Grouped<PriorityClass, PriorityClassList>("scheduling.k8s.io", PriorityClass.KindName, "priorityclasses", ["pc"], namespaced: false),
    ];

    private static readonly Dictionary<(string Group, string Version, string Kind), KubeTypeInfo> ByKind =
        All.ToDictionary(t => (t.Group, t.Version, t.Kind));

    private static readonly Dictionary<(string Group, string Version, string Resource), KubeTypeInfo> ByResource =
        All.ToDictionary(t => (t.Group, t.Version, t.Resource));

    private static readonly Dictionary<Type, KubeTypeInfo> ByType =
        All.SelectMany(t => new[] { (t.Type, t), (t.ListType, t) }).ToDictionary(p => p.Item1, p => p.t);

    /// <summary>Finds a kind, e.g. ("apps", "v1", "Deployment"); the core group is "".</summary>
    public static bool TryGetByKind(string group, string version, string kind, [NotNullWhen(true)] out KubeTypeInfo? info) =>
        ByKind.TryGetValue((group, version, kind), out info);

    /// <summary>Finds a resource, e.g. ("", "v1", "pods").</summary>
    public static bool TryGetByResource(string group, string version, string resource, [NotNullWhen(true)] out KubeTypeInfo? info) =>
        ByResource.TryGetValue((group, version, resource), out info);

    /// <summary>Finds the entry of an object type or of its list type.</summary>
    public static bool TryGetByType(Type type, [NotNullWhen(true)] out KubeTypeInfo? info) =>
        ByType.TryGetValue(type, out info);

    private static KubeTypeInfo Core<T, TList>(
        string kind, string resource, bool namespaced, string[] shortNames, bool status = false, bool all = false, string? singular = null) =>
        new()
        {
            Group = "",
            Version = "v1",
            Kind = kind,
            Resource = resource,
            SingularName = singular ?? kind.ToLowerInvariant(),
            Namespaced = namespaced,
            Type = typeof(T),
            ListType = typeof(TList),
            ShortNames = shortNames,
            Categories = all ? AllCategory : [],
            HasStatus = status,
        };

    private static KubeTypeInfo Grouped<T, TList>(
        string group, string kind, string resource, string[] shortNames, bool namespaced = true, bool status = false, bool scale = false, bool all = false) =>
        new()
        {
            Group = group,
            Version = "v1",
            Kind = kind,
            Resource = resource,
            SingularName = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            Type = typeof(T),
            ListType = typeof(TList),
            ShortNames = shortNames,
            Categories = all ? AllCategory : [],
            HasStatus = status,
            HasScale = scale,
        };
}
