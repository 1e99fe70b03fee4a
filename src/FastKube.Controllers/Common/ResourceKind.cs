using FastKube.Api;
using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Api.Policy;
using FastKube.Api.Scheduling;
using FastKube.Client;
using FastKube.Client.Informers;

namespace FastKube.Controllers.Common;

/// <summary>
/// One served kind behind a non-generic face, for the controllers that act on every kind alike (the namespace
/// controller empties a namespace of all of them; the garbage collector follows ownerReferences across them):
/// its typed client and, once <see cref="Watch"/>ed, its shared informer's cache.
/// </summary>
internal abstract class ResourceKind
{
    public abstract KubeTypeInfo Info { get; }

    /// <summary>Whether <see cref="Watch"/> has given this kind an informer.</summary>
    public abstract bool Watched { get; }

    /// <summary>Every served kind, in <see cref="KubeTypes.All"/> order (a test keeps the two lists equal).</summary>
    public static IReadOnlyList<ResourceKind> All(KubeClient client) =>
    [
        new ResourceKind<Namespace>(client), new ResourceKind<Pod>(client), new ResourceKind<Service>(client),
        new ResourceKind<Api.Core.Endpoints>(client), new ResourceKind<Node>(client), new ResourceKind<ConfigMap>(client),
        new ResourceKind<Secret>(client), new ResourceKind<ServiceAccount>(client), new ResourceKind<Event>(client),
        new ResourceKind<PersistentVolumeClaim>(client), new ResourceKind<Deployment>(client), new ResourceKind<ReplicaSet>(client),
        new ResourceKind<DaemonSet>(client), new ResourceKind<StatefulSet>(client), new ResourceKind<ControllerRevision>(client),
        new ResourceKind<EndpointSlice>(client), new ResourceKind<Job>(client), new ResourceKind<Lease>(client),
        new ResourceKind<PodDisruptionBudget>(client), new ResourceKind<PriorityClass>(client),
    ];

    public abstract Task<List<KubeObject>> ListAsync(string ns, CancellationToken cancellationToken);

    public abstract Task DeleteCollectionAsync(string ns, CancellationToken cancellationToken);

    /// <summary>A live read (not the cache); null when absent.</summary>
    public abstract Task<KubeObject?> TryGetAsync(string ns, string name, CancellationToken cancellationToken);

    public abstract Task DeleteAsync(string ns, string name, DeleteOptions options, CancellationToken cancellationToken);

    public abstract Task PatchAsync(string ns, string name, string mergePatch, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the kind an informer from <paramref name="informers"/> with the owner-uid index, reporting every
    /// change as (old, new) with null for the side that does not exist.
    /// </summary>
    public abstract void Watch(SharedInformerFactory informers, Action<ResourceKind, KubeObject?, KubeObject?> changed);

    /// <summary>The cached object (requires <see cref="Watch"/>).</summary>
    public abstract KubeObject? Cached(string ns, string name);

    /// <summary>The cached objects with an ownerReference to <paramref name="ownerUid"/> (requires <see cref="Watch"/>).</summary>
    public abstract IReadOnlyList<KubeObject> Dependents(string ownerUid);

    /// <summary>The namespace an object of this kind lives in, given the namespace it is referred to from.</summary>
    public string NamespaceFor(string referrerNamespace) => Info.Namespaced ? referrerNamespace : "";
}

internal sealed class ResourceKind<T>(KubeClient client) : ResourceKind
    where T : KubeObject
{
    private readonly ResourceClient<T> _client = client.Resource<T>();
    private InformerCache<T>? _cache;

    public override KubeTypeInfo Info => _client.Info;

    public override bool Watched => _cache is not null;

    public override async Task<List<KubeObject>> ListAsync(string ns, CancellationToken cancellationToken) =>
        [.. (await _client.ListAsync(Scope(ns), cancellationToken: cancellationToken).ConfigureAwait(false)).Items];

    public override Task DeleteCollectionAsync(string ns, CancellationToken cancellationToken) =>
        _client.DeleteCollectionAsync(Scope(ns), cancellationToken: cancellationToken);

    public override async Task<KubeObject?> TryGetAsync(string ns, string name, CancellationToken cancellationToken) =>
        await _client.TryGetAsync(Scope(ns), name, cancellationToken).ConfigureAwait(false);

    public override Task DeleteAsync(string ns, string name, DeleteOptions options, CancellationToken cancellationToken) =>
        _client.DeleteAsync(Scope(ns), name, options, cancellationToken);

    public override Task PatchAsync(string ns, string name, string mergePatch, CancellationToken cancellationToken) =>
        _client.PatchAsync(Scope(ns), name, PatchType.Merge, mergePatch, cancellationToken: cancellationToken);

    public override void Watch(SharedInformerFactory informers, Action<ResourceKind, KubeObject?, KubeObject?> changed)
    {
        var informer = informers.GetInformer<T>();
        if (!informer.Cache.HasIndexer(Indexers.OwnerUid))
        {
            informer.AddIndexer(Indexers.OwnerUid, Indexers.ByOwnerUid);
        }

        _cache = informer.Cache;
        informer.AddEventHandler(new ResourceEventHandler<T>
        {
            Added = (obj, _) => changed(this, null, obj),
            Updated = (old, obj) => changed(this, old, obj),
            Deleted = (obj, _) => changed(this, obj, null),
        });
    }

    public override KubeObject? Cached(string ns, string name) => Cache.Get(Scope(ns), name);

    public override IReadOnlyList<KubeObject> Dependents(string ownerUid) => Cache.ByIndex(Indexers.OwnerUid, ownerUid);

    private InformerCache<T> Cache => _cache ?? throw new InvalidOperationException($"{Info.Resource} are not watched");

    private string? Scope(string ns) => Info.Namespaced ? ns : null;
}
