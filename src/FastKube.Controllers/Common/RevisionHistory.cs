using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Informers;

namespace FastKube.Controllers.Common;

/// <summary>
/// The ControllerRevision writes the DaemonSet and StatefulSet controllers share (upstream's
/// controller history): the revision of the current template is found or created, moved to the top
/// revision number when an older template comes back (a rollback), and revisions past the history
/// limit that no pod uses are deleted.
/// </summary>
internal sealed class RevisionHistory(KubeClient client, SharedInformerFactory informers)
{
    private readonly ResourceClient<ControllerRevision> _revisions = client.Resource<ControllerRevision>();
    private readonly InformerCache<ControllerRevision> _cache = informers.GetInformer<ControllerRevision>().Cache;

    public List<ControllerRevision> Owned(KubeObject owner) =>
        _cache.List(owner.Metadata!.Namespace ?? "").Where(r => ControllerRefs.ControllerOf(r.Metadata)?.Uid == owner.Metadata.Uid).ToList();

    /// <summary>The revision for <paramref name="template"/>, created or renumbered as needed.</summary>
    public async Task<ControllerRevision> CurrentAsync(KubeObject owner, string apiVersion, string kind, PodTemplateSpec template, int? collisionCount, List<ControllerRevision> owned, CancellationToken cancellationToken)
    {
        var next = Revisions.Next(owned);
        if (Revisions.Find(owned, template) is { } existing)
        {
            if (existing.Revision == next - 1)
            {
                return existing;
            }

            var renumbered = Objects.Copy(existing);
            renumbered.Revision = next;
            return await _revisions.UpdateAsync(renumbered, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var hash = Revisions.Hash(template, collisionCount);
        try
        {
            return await _revisions.CreateAsync(Revisions.New(owner, apiVersion, kind, template, hash, next), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException exception) when (exception.IsAlreadyExists)
        {
            // Ours but not yet in the cache, or a true hash collision (upstream then bumps collisionCount).
            var found = await _revisions.GetAsync(owner.Metadata!.Namespace, $"{owner.Metadata.Name}-{hash}", cancellationToken).ConfigureAwait(false);
            if (ControllerRefs.ControllerOf(found.Metadata)?.Uid == owner.Metadata.Uid && Revisions.Find([found], template) is not null)
            {
                return found;
            }

            throw new InvalidOperationException($"controller revision {found.Metadata!.Name} exists with another template", exception);
        }
    }

    public async Task TruncateAsync(List<ControllerRevision> owned, ISet<string> live, int? historyLimit, CancellationToken cancellationToken)
    {
        foreach (var revision in Revisions.Surplus(owned, live, historyLimit))
        {
            try
            {
                await _revisions.DeleteAsync(revision.Metadata!.Namespace, revision.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException exception) when (exception.IsNotFound)
            {
                // Already gone.
            }
        }
    }
}
