using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Policy;

namespace FastKube.Api.Patching;

/// <summary>How strategic merge patch treats one field (upstream's patchStrategy and patchMergeKey struct tags).</summary>
/// <param name="Merge">Lists merge (by <paramref name="MergeKey"/> for lists of objects, as a set for primitives) instead of being replaced.</param>
/// <param name="RetainKeys">The field honours <c>$retainKeys</c>: keys not listed are cleared (union types such as a volume source).</param>
public readonly record struct PatchStrategy(bool Merge, string? MergeKey, bool RetainKeys);

/// <summary>
/// The fields of the served types whose strategic-merge behaviour is not the default (objects merge,
/// lists are replaced). Copied as facts from the patchStrategy/patchMergeKey tags of k8s.io/api;
/// a field absent here has no tag upstream (tolerations, taints and externalIPs are replaced whole).
/// </summary>
public static class PatchStrategies
{
    private static readonly PatchStrategy MergeByName = new(true, "name", false);
    private static readonly PatchStrategy MergeByType = new(true, "type", false);
    private static readonly PatchStrategy MergeByIp = new(true, "ip", false);
    private static readonly PatchStrategy MergeSet = new(true, null, false);

    private static readonly Dictionary<(Type Type, string Field), PatchStrategy> Fields = new()
    {
        [(typeof(ObjectMeta), "ownerReferences")] = new(true, "uid", false),
        [(typeof(ObjectMeta), "finalizers")] = MergeSet,
        [(typeof(PodSpec), "volumes")] = new(true, "name", true),
        [(typeof(PodSpec), "initContainers")] = MergeByName,
        [(typeof(PodSpec), "containers")] = MergeByName,
        [(typeof(PodSpec), "imagePullSecrets")] = MergeByName,
        [(typeof(PodSpec), "hostAliases")] = MergeByIp,
        [(typeof(PodSpec), "topologySpreadConstraints")] = new(true, "topologyKey", false),
        [(typeof(PodSpec), "schedulingGates")] = MergeByName,
        [(typeof(Container), "ports")] = new(true, "containerPort", false),
        [(typeof(Container), "env")] = MergeByName,
        [(typeof(Container), "volumeMounts")] = new(true, "mountPath", false),
        [(typeof(PodStatus), "conditions")] = MergeByType,
        [(typeof(PodStatus), "podIPs")] = MergeByIp,
        [(typeof(PodStatus), "hostIPs")] = MergeByIp,
        [(typeof(NodeSpec), "podCIDRs")] = MergeSet,
        [(typeof(NodeStatus), "conditions")] = MergeByType,
        [(typeof(NodeStatus), "addresses")] = MergeByType,
        [(typeof(ServiceSpec), "ports")] = new(true, "port", false),
        [(typeof(ServiceStatus), "conditions")] = MergeByType,
        [(typeof(NamespaceStatus), "conditions")] = MergeByType,
        [(typeof(DeploymentSpec), "strategy")] = new(false, null, true),
        [(typeof(DeploymentStatus), "conditions")] = MergeByType,
        [(typeof(ReplicaSetStatus), "conditions")] = MergeByType,
        [(typeof(DaemonSetStatus), "conditions")] = MergeByType,
        [(typeof(StatefulSetStatus), "conditions")] = MergeByType,
        [(typeof(JobStatus), "conditions")] = MergeByType,
        [(typeof(PodDisruptionBudgetStatus), "conditions")] = MergeByType,
    };

    /// <summary>The strategy of field <paramref name="field"/> (JSON name) of <paramref name="type"/>; default when untagged.</summary>
    public static PatchStrategy Of(Type? type, string field) =>
        type is not null && Fields.TryGetValue((type, field), out var strategy) ? strategy : default;
}
