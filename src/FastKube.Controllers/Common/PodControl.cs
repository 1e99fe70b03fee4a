using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Events;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.Common;

/// <summary>
/// Upstream's PodControl for the controllers that own pods directly (ReplicaSet, Job, DaemonSet): creates
/// in slow-start batches and deletes with expectations raised first and events recorded on the owner,
/// and claims pods by selector (adopting orphans, releasing pods that stopped matching).
/// </summary>
internal sealed class PodControl(ResourceClient<Pod> pods, Expectations expectations, EventRecorder events, ILogger logger)
{
    public Expectations Expectations { get; } = expectations;

    /// <summary>Creates <paramref name="create"/>; throws (so the sync is retried) when any create failed.</summary>
    public async Task CreateAsync(string key, KubeObject owner, IReadOnlyList<Pod> create, CancellationToken cancellationToken)
    {
        if (create.Count == 0)
        {
            return;
        }

        Expectations.Expect(key, create.Count, 0);
        var next = -1;
        var created = await SlowStart.RunAsync(create.Count, async token =>
        {
            var pod = create[Interlocked.Increment(ref next)];
            try
            {
                var made = await pods.CreateAsync(pod, cancellationToken: token).ConfigureAwait(false);
                events.Record(owner, EventRecorder.Normal, "SuccessfulCreate", $"Created pod: {made.Metadata!.Name}");
                return true;
            }
            catch (KubeApiException exception)
            {
                logger.LogWarning("{Key}: creating a pod failed: {Message}", key, exception.Message);
                events.Record(owner, EventRecorder.Warning, "FailedCreate", $"Error creating: {exception.Message}");
                Expectations.Created(key);
                return false;
            }
        }, cancellationToken).ConfigureAwait(false);

        // Creates never attempted will never be observed either.
        for (var i = Volatile.Read(ref next) + 1; i < create.Count; i++)
        {
            Expectations.Created(key);
        }

        if (created < create.Count)
        {
            throw new InvalidOperationException($"{key}: created {created} of {create.Count} pods");
        }
    }

    public async Task DeleteAsync(string key, KubeObject owner, IReadOnlyList<Pod> delete, CancellationToken cancellationToken)
    {
        if (delete.Count == 0)
        {
            return;
        }

        Expectations.Expect(key, 0, delete.Count);
        await Task.WhenAll(delete.Select(async pod =>
        {
            try
            {
                await pods.DeleteAsync(pod.Metadata!.Namespace, pod.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
                events.Record(owner, EventRecorder.Normal, "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
            }
            catch (KubeApiException exception) when (exception.IsNotFound)
            {
                Expectations.Deleted(key);
            }
        })).ConfigureAwait(false);
    }

    /// <summary>The pods the owner controls after adopting matching orphans and releasing pods that no longer match.</summary>
    public async Task<List<Pod>> ClaimAsync(KubeObject owner, string apiVersion, string kind, Selector selector, IEnumerable<Pod> candidates, CancellationToken cancellationToken)
    {
        var claim = ControllerRefs.Classify(owner.Metadata!, selector, candidates);
        var owned = claim.Owned;
        foreach (var pod in claim.Adopt)
        {
            owned.Add(await SetOwnerAsync(pod, owner, apiVersion, kind, adopt: true, cancellationToken).ConfigureAwait(false));
        }

        foreach (var pod in claim.Release)
        {
            await SetOwnerAsync(pod, owner, apiVersion, kind, adopt: false, cancellationToken).ConfigureAwait(false);
        }

        return owned;
    }

    // Adoption adds the owner as controller; release drops it. The pod's resourceVersion guards both.
    private async Task<Pod> SetOwnerAsync(Pod pod, KubeObject owner, string apiVersion, string kind, bool adopt, CancellationToken cancellationToken)
    {
        var references = (pod.Metadata!.OwnerReferences ?? []).Where(r => r.Uid != owner.Metadata!.Uid).ToList();
        if (adopt)
        {
            references.Add(ControllerRefs.Reference(owner, apiVersion, kind));
        }

        return await pods.PatchAsync(pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.Merge, OwnerPatch.Render(pod.Metadata.ResourceVersion, references), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
