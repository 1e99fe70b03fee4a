using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Http;
using FastKube.Storage;

namespace FastKube.ApiServer.Registry;

internal sealed partial class ResourceStorage
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    // A delete or guaranteed update that races a writer re-reads and tries again, as upstream's GuaranteedUpdate does.
    private const int DeleteAttempts = 8;

    /// <summary>
    /// Deletes an object with upstream's semantics: preconditions (uid, resourceVersion); the orphan
    /// and foreground finalizers from the propagation policy; an object with finalizers, or a scheduled
    /// pod with a grace period, only gets deletionTimestamp (and deletionGracePeriodSeconds) and stays
    /// until its finalizers are gone or its kubelet deletes it with grace period 0.
    /// </summary>
    public ValueTask<ObjectResult> DeleteAsync(string ns, string name, DeleteOptions? options, bool dryRun, CancellationToken cancellationToken) =>
        info.Type == typeof(Namespace)
            ? DeleteNamespaceAsync(name, options, dryRun, cancellationToken)
            : DeleteObjectAsync(name, ns, options, dryRun, cancellationToken);

    private async ValueTask<ObjectResult> DeleteObjectAsync(string name, string ns, DeleteOptions? options, bool dryRun, CancellationToken cancellationToken)
    {
        var key = ResourceKeys.Object(info, ns, name);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(key, 0, cancellationToken).ConfigureAwait(false);
            if (current.Status != StoreStatus.Ok)
            {
                return StoreError(current.Status, name);
            }

            var obj = Decode(current.Kv!);
            var meta = obj.Metadata!;
            if (Precondition(options?.Preconditions, meta) is { } failed)
            {
                return ApiErrors.Conflict(info, name, failed);
            }

            AddPropagationFinalizer(meta, options);
            var finalizers = meta.Finalizers ??= [];
            var grace = GracePeriod(obj, options);
            WriteResult written;
            if (grace > 0 || finalizers.Count > 0)
            {
                var deadline = Now().AddSeconds(grace);
                if (meta.DeletionTimestamp is null || deadline < meta.DeletionTimestamp)
                {
                    meta.DeletionTimestamp = deadline;
                    meta.DeletionGracePeriodSeconds = grace;
                }

                if (finalizers.Count == 0)
                {
                    meta.Finalizers = null;
                }

                if (dryRun)
                {
                    return new ObjectResult(obj, null);
                }

                written = await store.UpdateAsync(key, Encode(obj), current.Kv!.ModRevision, cancellationToken).ConfigureAwait(false);
                if (written.Status == StoreStatus.Ok)
                {
                    meta.ResourceVersion = written.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return new ObjectResult(obj, null);
                }
            }
            else
            {
                if (dryRun)
                {
                    return new ObjectResult(obj, null);
                }

                written = await store.DeleteAsync(key, current.Kv!.ModRevision, cancellationToken).ConfigureAwait(false);
                if (written.Status == StoreStatus.Ok)
                {
                    if (obj is Service service)
                    {
                        Allocator?.ReleaseUnused(service, null);
                    }

                    return new ObjectResult(obj, null);
                }
            }

            if (written.Status != StoreStatus.Conflict || attempt == DeleteAttempts)
            {
                return StoreError(written.Status, name);
            }
        }
    }

    // The garbage collector's finalizers for the propagation policy (upstream deletionFinalizersForGarbageCollection):
    // Orphan (or the deprecated orphanDependents=true) asks it to orphan the dependents first, Foreground to delete
    // them first; Background adds nothing and leaves them to it afterwards. The last policy asked for wins.
    private static void AddPropagationFinalizer(ObjectMeta meta, DeleteOptions? options)
    {
        var policy = options?.PropagationPolicy ?? (options?.OrphanDependents switch
        {
            true => DeletionPropagation.Orphan,
            false => DeletionPropagation.Background,
            null => null,
        });
        if (policy is null)
        {
            return;
        }

        var finalizers = meta.Finalizers ??= [];
        var (wanted, other) = policy switch
        {
            DeletionPropagation.Orphan => (OrphanFinalizer, ForegroundFinalizer),
            DeletionPropagation.Foreground => (ForegroundFinalizer, OrphanFinalizer),
            _ => ((string?)null, (string?)null),
        };
        if (wanted is null)
        {
            finalizers.Remove(OrphanFinalizer);
            finalizers.Remove(ForegroundFinalizer);
            return;
        }

        finalizers.Remove(other!);
        if (!finalizers.Contains(wanted))
        {
            finalizers.Add(wanted);
        }
    }

    private static string? Precondition(Preconditions? preconditions, ObjectMeta meta)
    {
        if (preconditions?.Uid is { } uid && uid != meta.Uid)
        {
            return $"Precondition failed: UID in precondition: {uid}, UID in object meta: {meta.Uid}";
        }

        if (preconditions?.ResourceVersion is { } rv && rv != meta.ResourceVersion)
        {
            return $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {meta.ResourceVersion}";
        }

        return null;
    }

    // Only pods delete gracefully, and only once bound to a node and not finished: the kubelet must stop
    // the containers first (upstream pod strategy CheckGracefulDelete).
    private static long GracePeriod(KubeObject obj, DeleteOptions? options)
    {
        if (obj is not Pod pod || string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return 0;
        }

        var grace = options?.GracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30;
        return Math.Max(grace, 0);
    }
}
