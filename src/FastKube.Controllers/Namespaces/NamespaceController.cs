using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Client.WorkQueues;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.Namespaces;

/// <summary>
/// Empties terminating namespaces (upstream's namespace controller): for a namespace with a deletionTimestamp
/// and the "kubernetes" spec finalizer, deletes every namespaced kind in it (a deletecollection per kind, with
/// each kind's default deletion: pods gracefully), counts what is left, reports it in the namespace's
/// conditions, and comes back with backoff until nothing is left; then removes "kubernetes" through the
/// finalize subresource, after which the API server removes the namespace.
/// </summary>
internal sealed class NamespaceController : QueueController
{
    private readonly ResourceClient<Namespace> _namespaces;
    private readonly InformerCache<Namespace> _cache;
    private readonly IReadOnlyList<ResourceKind> _contentKinds;

    public NamespaceController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("namespace", time, logs.CreateLogger<NamespaceController>(), RateLimiter(time))
    {
        _namespaces = client.Resource<Namespace>();
        _contentKinds = ResourceKind.All(client).Where(k => k.Info.Namespaced).ToList();
        var informer = informers.GetInformer<Namespace>();
        _cache = informer.Cache;
        informer.AddEventHandler(new ResourceEventHandler<Namespace>
        {
            Added = (ns, _) => EnqueueIfTerminating(ns),
            Updated = (_, ns) => EnqueueIfTerminating(ns),
        });
    }

    // Upstream's nsControllerRateLimiter: per-namespace backoff 5 ms doubling to at most 60 s (a namespace
    // waiting on a long pod grace period is looked at again within a minute), overall 10/s burst 100.
    private static IRateLimiter<string> RateLimiter(TimeProvider time) => new MaxOfRateLimiter<string>(
        new ItemExponentialFailureRateLimiter<string>(RateLimiters.DefaultBaseDelay, TimeSpan.FromSeconds(60)),
        new BucketRateLimiter<string>(RateLimiters.DefaultQps, RateLimiters.DefaultBurst, time));

    private void EnqueueIfTerminating(Namespace ns)
    {
        if (ns.Metadata?.DeletionTimestamp is not null)
        {
            Enqueue(ns);
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var ns = _cache.Get(ObjectKey.Parse(key));
        if (ns?.Metadata?.DeletionTimestamp is null || ns.Spec?.Finalizers?.Contains(Defaults.NamespaceFinalizer) != true)
        {
            return;
        }

        var name = ns.Metadata.Name!;
        var report = await DeleteContentAsync(name, cancellationToken).ConfigureAwait(false);
        var conditions = NamespaceConditions.Build(report, ns.Status?.Conditions, Time.GetUtcNow());
        if (!NamespaceConditions.Same(ns.Status?.Conditions, conditions))
        {
            var copy = Objects.Copy(ns);
            copy.Status ??= new NamespaceStatus();
            copy.Status.Phase = "Terminating";
            copy.Status.Conditions = conditions;
            ns = await _namespaces.UpdateStatusAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (!report.Done)
        {
            RetryLater(key);
            return;
        }

        var finalized = Objects.Copy(ns);
        finalized.Spec!.Finalizers = finalized.Spec.Finalizers!.Where(f => f != Defaults.NamespaceFinalizer).ToList();
        await _namespaces.FinalizeAsync(finalized, cancellationToken).ConfigureAwait(false);
    }

    // One deletecollection per kind, then one list per kind to see what stayed (graceful pods, finalizers).
    private async Task<ContentReport> DeleteContentAsync(string ns, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        var finalizers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var kind in _contentKinds)
        {
            var resource = NamespaceConditions.GroupResource(kind.Info.Group, kind.Info.Resource);
            try
            {
                await kind.DeleteCollectionAsync(ns, cancellationToken).ConfigureAwait(false);
                var left = await kind.ListAsync(ns, cancellationToken).ConfigureAwait(false);
                if (left.Count > 0)
                {
                    remaining[resource] = left.Count;
                }

                foreach (var finalizer in left.SelectMany(o => o.Metadata?.Finalizers ?? []))
                {
                    finalizers[finalizer] = finalizers.GetValueOrDefault(finalizer) + 1;
                }
            }
            catch (KubeApiException exception)
            {
                Logger.LogWarning("namespace {Namespace}: deleting {Resource} failed: {Message}", ns, resource, exception.Message);
                failed.Add(resource);
            }
        }

        return new ContentReport(failed, remaining, finalizers);
    }
}
