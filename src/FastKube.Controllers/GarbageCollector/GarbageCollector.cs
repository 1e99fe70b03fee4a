using System.Collections.Concurrent;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.GarbageCollector;

/// <summary>
/// Upstream's garbage collector over the ownerReferences of every watched kind (all served kinds but Events,
/// which carry no owners and are the busiest kind by far). Work items are objects ("kind|ns|name"):
/// <list type="bullet">
/// <item>an object whose owners are not all known and solid in the caches, or whose owner was just deleted, is
/// checked against its owners (a cache miss is confirmed with a live GET, as upstream verifies absent owners)
/// and deleted when none is left, or stripped of its references to owners that are gone (<see cref="Verdict"/>);</item>
/// <item>an object being deleted with the <c>orphan</c> finalizer has the references to it removed from its
/// dependents, then loses the finalizer;</item>
/// <item>an object being deleted with the <c>foregroundDeletion</c> finalizer has its dependents deleted and
/// loses the finalizer once no dependent with blockOwnerDeletion remains.</item>
/// </list>
/// When the last finalizer goes, the API server removes the object.
/// </summary>
internal sealed partial class GarbageCollector : QueueController
{
    // Upstream's absentOwnerCache holds 500 uids; a uid, once gone, never comes back, so any entry stays true.
    private const int AbsentOwnerCapacity = 10_000;

    private readonly IReadOnlyList<ResourceKind> _kinds;
    private readonly Dictionary<(string Group, string Version, string Kind), int> _byKind;
    private readonly ConcurrentDictionary<string, byte> _absentOwners = new(StringComparer.Ordinal);

    public GarbageCollector(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("garbagecollector", time, logs.CreateLogger<GarbageCollector>())
    {
        _kinds = ResourceKind.All(client);
        _byKind = _kinds.Select((k, i) => (k, i)).ToDictionary(p => (p.k.Info.Group, p.k.Info.Version, p.k.Info.Kind), p => p.i);
        foreach (var kind in _kinds.Where(k => k.Info.Kind != Event.KindName))
        {
            kind.Watch(informers, Changed);
        }
    }

    /// <summary>The resources whose ownerReferences the collector follows (documented in docs/controllers.md).</summary>
    public IEnumerable<string> WatchedResources => _kinds.Where(k => k.Watched).Select(k => k.Info.Resource);

    private void Changed(ResourceKind kind, KubeObject? old, KubeObject? obj)
    {
        if (obj is null)
        {
            var uid = old!.Metadata?.Uid;
            if (uid is not null)
            {
                RememberAbsent(uid);
                EnqueueDependents(uid);
            }

            EnqueueWaitingOwners(old);
            return;
        }

        var meta = obj.Metadata!;
        if (meta.DeletionTimestamp is not null && (Finalizers.Has(meta, Finalizers.Orphan) || Finalizers.Has(meta, Finalizers.Foreground)))
        {
            Queue.Add(Key(kind, obj));
        }

        var referencesChanged = old is null || !SameOwners(old.Metadata?.OwnerReferences, meta.OwnerReferences);
        if (old is not null && referencesChanged)
        {
            EnqueueWaitingOwners(old);
        }

        if (meta.OwnerReferences is { Count: > 0 } && referencesChanged && !AllOwnersSolidInCache(meta))
        {
            Queue.Add(Key(kind, obj));
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (kind, ns, name) = ParseKey(key);
        var obj = kind.Cached(ns, name);
        var meta = obj?.Metadata;
        if (meta is null)
        {
            return;
        }

        if (meta.DeletionTimestamp is not null)
        {
            if (Finalizers.Has(meta, Finalizers.Orphan))
            {
                await OrphanDependentsAsync(meta, cancellationToken).ConfigureAwait(false);
                await RemoveFinalizerAsync(kind, meta, Finalizers.Orphan, cancellationToken).ConfigureAwait(false);
            }
            else if (Finalizers.Has(meta, Finalizers.Foreground))
            {
                await DeleteDependentsFirstAsync(kind, meta, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var verdict = await DecideAsync(meta, ns, cancellationToken).ConfigureAwait(false);
        if (verdict == Verdict.Keep)
        {
            return;
        }

        // The cache may not show our own recent writes yet (an orphaning patch that removed the very reference
        // that now looks dangling): as upstream, act only on what a live read of the object says.
        var latest = (await kind.TryGetAsync(ns, name, cancellationToken).ConfigureAwait(false))?.Metadata;
        if (latest is null || latest.Uid != meta.Uid)
        {
            return;
        }

        verdict = await DecideAsync(latest, ns, cancellationToken).ConfigureAwait(false);
        if (verdict.RemoveOwnerUids.Count > 0)
        {
            var kept = latest.OwnerReferences!.Where(r => !verdict.RemoveOwnerUids.Contains(r.Uid ?? "")).ToList();
            await IgnoreNotFound(kind.PatchAsync(ns, name, OwnerPatch.Render(latest.ResourceVersion, kept), cancellationToken)).ConfigureAwait(false);
        }
        else if (verdict.DeletePolicy is { } policy)
        {
            Logger.LogDebug("garbagecollector: deleting {Resource} {Namespace}/{Name} ({Policy})", kind.Info.Resource, ns, name, policy);
            var options = new DeleteOptions { PropagationPolicy = policy, Preconditions = new Preconditions { Uid = latest.Uid } };
            await IgnoreNotFound(kind.DeleteAsync(ns, name, options, cancellationToken)).ConfigureAwait(false);
        }
    }

    private async Task<Verdict> DecideAsync(ObjectMeta meta, string ns, CancellationToken cancellationToken)
    {
        if (meta.OwnerReferences is not { Count: > 0 } references)
        {
            return Verdict.Keep;
        }

        var owners = new List<(OwnerReference, OwnerState)>(references.Count);
        foreach (var reference in references)
        {
            owners.Add((reference, await ResolveAsync(reference, ns, cancellationToken).ConfigureAwait(false)));
        }

        return Verdict.Decide(meta, owners, HasDependents(meta.Uid));
    }

    // Orphan propagation: every dependent loses its references to the owner; the dependents themselves stay.
    private async Task OrphanDependentsAsync(ObjectMeta owner, CancellationToken cancellationToken)
    {
        foreach (var (kind, dependent) in Dependents(owner.Uid))
        {
            var meta = dependent.Metadata!;
            var kept = (meta.OwnerReferences ?? []).Where(r => r.Uid != owner.Uid).ToList();
            await IgnoreNotFound(kind.PatchAsync(meta.Namespace ?? "", meta.Name!, OwnerPatch.Render(meta.ResourceVersion, kept), cancellationToken)).ConfigureAwait(false);
        }
    }

    // Foreground propagation: every dependent is looked at (it sees this owner waiting and is deleted); the owner
    // keeps its finalizer while a dependent with blockOwnerDeletion is still there.
    private async Task DeleteDependentsFirstAsync(ResourceKind kind, ObjectMeta owner, CancellationToken cancellationToken)
    {
        var blocking = 0;
        foreach (var (dependentKind, dependent) in Dependents(owner.Uid))
        {
            var meta = dependent.Metadata!;
            if (meta.OwnerReferences!.Any(r => r.Uid == owner.Uid && r.BlockOwnerDeletion == true))
            {
                blocking++;
            }

            if (meta.DeletionTimestamp is null)
            {
                Queue.Add(Key(dependentKind, dependent));
            }
        }

        if (blocking == 0)
        {
            await RemoveFinalizerAsync(kind, owner, Finalizers.Foreground, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task RemoveFinalizerAsync(ResourceKind kind, ObjectMeta meta, string finalizer, CancellationToken cancellationToken)
    {
        var rest = meta.Finalizers!.Where(f => f != finalizer).ToList();
        return IgnoreNotFound(kind.PatchAsync(meta.Namespace ?? "", meta.Name!, FinalizerPatch.Render(meta.ResourceVersion, rest), cancellationToken));
    }

    private static async Task IgnoreNotFound(Task request)
    {
        try
        {
            await request.ConfigureAwait(false);
        }
        catch (KubeApiException exception) when (exception.IsNotFound)
        {
            // Already gone: nothing left to do for it.
        }
    }
}
