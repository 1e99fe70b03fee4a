using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.Jobs;

/// <summary>
/// Upstream's ttl-after-finished controller: a Job with <c>spec.ttlSecondsAfterFinished</c> is deleted (with
/// its pods: propagation Foreground) that many seconds after it finished, timed from the lastTransitionTime
/// of its Complete or Failed condition. Before deleting it re-reads the Job from the API server, because the
/// TTL may have been changed or the Job restarted meanwhile, and deletes with that read's resourceVersion as
/// a precondition so a concurrent update wins over the deletion.
/// </summary>
internal sealed class TtlAfterFinishedController : QueueController
{
    private readonly ResourceClient<Job> _jobs;
    private readonly InformerCache<Job> _cache;

    public TtlAfterFinishedController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("ttl-after-finished", time, logs.CreateLogger<TtlAfterFinishedController>())
    {
        _jobs = client.Resource<Job>();
        var jobs = informers.GetInformer<Job>();
        _cache = jobs.Cache;
        jobs.AddEventHandler(new ResourceEventHandler<Job>
        {
            Added = (job, _) => EnqueueIfExpiring(job),
            Updated = (_, job) => EnqueueIfExpiring(job),
        });
    }

    /// <summary>When the Job's TTL runs out, or null when it has no TTL or has not finished.</summary>
    public static DateTimeOffset? ExpiresAt(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Metadata?.DeletionTimestamp is not null || job.Spec?.TtlSecondsAfterFinished is not { } ttl)
        {
            return null;
        }

        var finished = job.Status?.Conditions?.FirstOrDefault(c =>
            c.Type is JobConditionTypes.Complete or JobConditionTypes.Failed && c.Status == ConditionStatuses.True);
        return finished?.LastTransitionTime is { } at ? at + TimeSpan.FromSeconds(ttl) : null;
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var id = ObjectKey.Parse(key);
        if (_cache.Get(id.Namespace, id.Name) is not { } cached || !Expired(key, cached))
        {
            return;
        }

        // The cache may lag: decide on the API server's copy, as upstream does.
        Job fresh;
        try
        {
            fresh = await _jobs.GetAsync(id.Namespace, id.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return;
        }

        if (!Expired(key, fresh))
        {
            return;
        }

        Logger.LogInformation("deleting job {Key}: its ttlSecondsAfterFinished ({Ttl}s) has passed", key, fresh.Spec!.TtlSecondsAfterFinished);
        try
        {
            await _jobs.DeleteAsync(id.Namespace, id.Name, new DeleteOptions
            {
                PropagationPolicy = "Foreground",
                Preconditions = new Preconditions { ResourceVersion = fresh.Metadata!.ResourceVersion },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
        }
        catch (KubeApiException e) when (e.IsConflict)
        {
            // Updated since the read: the update's event brings the Job back with its new TTL.
        }
    }

    private void EnqueueIfExpiring(Job job)
    {
        if (ExpiresAt(job) is not null)
        {
            Enqueue(job);
        }
    }

    // True when the TTL has run out; otherwise comes back when it will have.
    private bool Expired(string key, Job job)
    {
        if (ExpiresAt(job) is not { } at)
        {
            return false;
        }

        var left = at - Time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            Queue.AddAfter(key, left);
            return false;
        }

        return true;
    }
}
