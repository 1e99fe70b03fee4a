using FastKube.Api;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.GarbageCollector;

/// <summary>The ownership graph, read from the informer caches' owner-uid indexes, and owner resolution.</summary>
internal sealed partial class GarbageCollector
{
    private async Task<OwnerState> ResolveAsync(OwnerReference reference, string dependentNamespace, CancellationToken cancellationToken)
    {
        if (KindOf(reference) is not { } kind)
        {
            return OwnerState.Unresolvable;
        }

        if (reference.Uid is null || _absentOwners.ContainsKey(reference.Uid))
        {
            return OwnerState.Dangling;
        }

        var ns = kind.NamespaceFor(dependentNamespace);
        var owner = kind.Watched ? kind.Cached(ns, reference.Name ?? "") : null;
        if (owner?.Metadata?.Uid != reference.Uid)
        {
            // The cache may lag behind the server: only a live read says an owner is gone.
            owner = await kind.TryGetAsync(ns, reference.Name ?? "", cancellationToken).ConfigureAwait(false);
        }

        if (owner?.Metadata?.Uid != reference.Uid)
        {
            RememberAbsent(reference.Uid);
            return OwnerState.Dangling;
        }

        return StateOf(owner!.Metadata!);
    }

    private static OwnerState StateOf(ObjectMeta owner) =>
        owner.DeletionTimestamp is not null && Finalizers.Has(owner, Finalizers.Foreground) ? OwnerState.WaitingForDependents : OwnerState.Solid;

    private bool AllOwnersSolidInCache(ObjectMeta meta) => meta.OwnerReferences!.All(reference =>
        KindOf(reference) is { Watched: true } kind
        && kind.Cached(kind.NamespaceFor(meta.Namespace ?? ""), reference.Name ?? "") is { Metadata: { } owner }
        && owner.Uid == reference.Uid
        && StateOf(owner) == OwnerState.Solid);

    private ResourceKind? KindOf(OwnerReference reference)
    {
        var apiVersion = reference.ApiVersion ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return _byKind.TryGetValue((group, version, reference.Kind ?? ""), out var index) ? _kinds[index] : null;
    }

    private IEnumerable<(ResourceKind Kind, KubeObject Dependent)> Dependents(string? ownerUid) =>
        ownerUid is null ? [] : _kinds.Where(k => k.Watched).SelectMany(k => k.Dependents(ownerUid).Select(d => (k, d)));

    private bool HasDependents(string? ownerUid) => Dependents(ownerUid).Any();

    private void EnqueueDependents(string ownerUid)
    {
        foreach (var (kind, dependent) in Dependents(ownerUid))
        {
            Queue.Add(Key(kind, dependent));
        }
    }

    // A dependent gone (or no longer pointing at its owner) may be what a foreground deletion was waiting for.
    private void EnqueueWaitingOwners(KubeObject dependent)
    {
        foreach (var reference in dependent.Metadata?.OwnerReferences ?? [])
        {
            if (KindOf(reference) is { Watched: true } kind
                && kind.Cached(kind.NamespaceFor(dependent.Metadata!.Namespace ?? ""), reference.Name ?? "") is { Metadata: { } owner } found
                && owner.Uid == reference.Uid
                && StateOf(owner) == OwnerState.WaitingForDependents)
            {
                Queue.Add(Key(kind, found));
            }
        }
    }

    private void RememberAbsent(string uid)
    {
        if (_absentOwners.Count >= AbsentOwnerCapacity)
        {
            _absentOwners.Clear();
        }

        _absentOwners.TryAdd(uid, 0);
    }

    private static bool SameOwners(List<OwnerReference>? a, List<OwnerReference>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.Zip(b!).All(p => p.First.Uid == p.Second.Uid && p.First.BlockOwnerDeletion == p.Second.BlockOwnerDeletion));

    private string Key(ResourceKind kind, KubeObject obj) =>
        $"{IndexOf(kind)}|{obj.Metadata?.Namespace}|{obj.Metadata?.Name}";

    private int IndexOf(ResourceKind kind) => _byKind[(kind.Info.Group, kind.Info.Version, kind.Info.Kind)];

    private (ResourceKind Kind, string Namespace, string Name) ParseKey(string key)
    {
        var parts = key.Split('|', 3);
        return (_kinds[int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)], parts[1], parts[2]);
    }
}
