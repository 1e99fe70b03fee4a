using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Client.Informers;

/// <summary>
/// The index functions components need most, with their conventional names. An index function returns the
/// values an object is filed under (none, one, or several); see <see cref="InformerCache{T}.AddIndexer"/>.
/// </summary>
public static class Indexers
{
    public const string Namespace = "namespace";

    public const string NodeName = "spec.nodeName";

    public const string OwnerUid = "metadata.ownerReferences.uid";

    /// <summary>Objects by <c>metadata.namespace</c>.</summary>
    public static IEnumerable<string> ByNamespace(KubeObject obj) =>
        obj?.Metadata?.Namespace is { Length: > 0 } ns ? [ns] : [];

    /// <summary>Pods by <c>spec.nodeName</c>; unscheduled pods are filed under no value.</summary>
    public static IEnumerable<string> ByNodeName(Pod pod) =>
        pod?.Spec?.NodeName is { Length: > 0 } node ? [node] : [];

    /// <summary>Objects by the uid of each owner reference (find a ReplicaSet's pods by its uid).</summary>
    public static IEnumerable<string> ByOwnerUid(KubeObject obj) =>
        obj?.Metadata?.OwnerReferences is { Count: > 0 } owners ? owners.Where(o => o.Uid is not null).Select(o => o.Uid!) : [];

    /// <summary>The index name of <see cref="ByLabel"/> for one label key.</summary>
    public static string LabelIndexName(string key) => "label:" + key;

    /// <summary>Objects by the value of one label (e.g. <c>app</c>); objects without it are filed under no value.</summary>
    public static Func<KubeObject, IEnumerable<string>> ByLabel(string key) =>
        obj => obj?.Metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? [value] : [];
}
