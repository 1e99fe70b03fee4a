using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Http;
using FastKube.Storage;

namespace FastKube.ApiServer.Registry;

/// <summary>
/// The namespace registry's lifecycle (upstream pkg/registry/core/namespace): the first DELETE only marks
/// the namespace Terminating with a deletionTimestamp; the namespace controller empties it and removes the
/// "kubernetes" entry of spec.finalizers through the <c>finalize</c> subresource; the object goes once
/// spec.finalizers and metadata.finalizers are both empty.
/// </summary>
internal sealed partial class ResourceStorage
{
    public const string TerminatingPhase = "Terminating";

    // Upstream's message when a namespace that is already terminating is deleted again.
    private const string StillFinalizing = "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.";

    /// <summary>Upstream's ShouldDeleteNamespaceDuringUpdate: besides metadata.finalizers, a namespace waits on spec.finalizers.</summary>
    private static bool SpecFinalized(KubeObject obj) => obj is not Namespace ns || (ns.Spec?.Finalizers?.Count ?? 0) == 0;

    private async ValueTask<ObjectResult> DeleteNamespaceAsync(string name, DeleteOptions? options, bool dryRun, CancellationToken cancellationToken)
    {
        var key = ResourceKeys.Object(info, "", name);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(key, 0, cancellationToken).ConfigureAwait(false);
            if (current.Status != StoreStatus.Ok)
            {
                return StoreError(current.Status, name);
            }

            var ns = (Namespace)Decode(current.Kv!);
            var meta = ns.Metadata!;
            if (Precondition(options?.Preconditions, meta) is { } failed)
            {
                return ApiErrors.Conflict(info, name, failed);
            }

            if (meta.DeletionTimestamp is not null)
            {
                // Deleting again: refused while spec.finalizers remain, else the generic path (which honours metadata.finalizers).
                return SpecFinalized(ns) ? await DeleteObjectAsync(name, "", options, dryRun, cancellationToken).ConfigureAwait(false) : ApiErrors.Conflict(info, name, StillFinalizing);
            }

            AddPropagationFinalizer(meta, options);
            meta.DeletionTimestamp = Now();
            meta.DeletionGracePeriodSeconds = 0;
            (ns.Status ??= new NamespaceStatus()).Phase = TerminatingPhase;
            if (dryRun)
            {
                return new ObjectResult(ns, null);
            }

            // A namespace that waits on nothing (finalized before it was deleted) goes at once.
            var written = SpecFinalized(ns) && (meta.Finalizers?.Count ?? 0) == 0
                ? await store.DeleteAsync(key, current.Kv!.ModRevision, cancellationToken).ConfigureAwait(false)
                : await store.UpdateAsync(key, Encode(ns), current.Kv!.ModRevision, cancellationToken).ConfigureAwait(false);
            if (written.Status == StoreStatus.Ok)
            {
                meta.ResourceVersion = Rv(written.Revision);
                return new ObjectResult(ns, null);
            }

            if (written.Status != StoreStatus.Conflict || attempt == DeleteAttempts)
            {
                return StoreError(written.Status, name);
            }
        }
    }

    /// <summary>
    /// PUT namespaces/{name}/finalize: replaces spec.finalizers only (everything else stays as stored); a
    /// terminating namespace left with no finalizers of either kind is removed by the same write.
    /// </summary>
    public async ValueTask<ObjectResult> FinalizeNamespaceAsync(Namespace body, string name, bool dryRun, CancellationToken cancellationToken)
    {
        if (body.Metadata?.Name != name)
        {
            return ApiErrors.BadRequest($"the name of the object ({body.Metadata?.Name}) does not match the name on the URL ({name})");
        }

        var key = ResourceKeys.Object(info, "", name);
        var current = await store.GetAsync(key, 0, cancellationToken).ConfigureAwait(false);
        if (current.Status != StoreStatus.Ok)
        {
            return StoreError(current.Status, name);
        }

        if (!string.IsNullOrEmpty(body.Metadata.ResourceVersion) && body.Metadata.ResourceVersion != Rv(current.Kv!.ModRevision))
        {
            return ApiErrors.Conflict(info, name, ApiErrors.ModifiedConflict);
        }

        var next = (Namespace)Decode(current.Kv!);
        var finalizers = body.Spec?.Finalizers is { Count: > 0 } wanted ? wanted.Distinct(StringComparer.Ordinal).ToList() : null;
        next.Spec = new NamespaceSpec { Finalizers = finalizers };
        if (dryRun)
        {
            return new ObjectResult(next, null);
        }

        var meta = next.Metadata!;
        var written = meta.DeletionTimestamp is not null && finalizers is null && (meta.Finalizers?.Count ?? 0) == 0
            ? await store.DeleteAsync(key, current.Kv!.ModRevision, cancellationToken).ConfigureAwait(false)
            : await store.UpdateAsync(key, Encode(next), current.Kv!.ModRevision, cancellationToken).ConfigureAwait(false);
        if (written.Status != StoreStatus.Ok)
        {
            return StoreError(written.Status, name);
        }

        meta.ResourceVersion = Rv(written.Revision);
        return new ObjectResult(next, null);
    }
}
