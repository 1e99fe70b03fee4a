using FastKube.Api.Labels;
using FastKube.Api.Meta;

namespace FastKube.Controllers.Common;

/// <summary>Which candidate objects a controller owns, should adopt, or should release.</summary>
internal sealed record Claim<T>(List<T> Owned, List<T> Adopt, List<T> Release);

/// <summary>
/// Upstream's ControllerRefManager as a pure classification: an object whose controller reference names
/// the owner is owned while the selector matches it and released when it stops matching; an orphan
/// (no controller reference) that matches is adopted unless it is being deleted or the owner is; objects
/// controlled by someone else are never touched.
/// </summary>
internal static class ControllerRefs
{
    public static OwnerReference? ControllerOf(ObjectMeta? meta) => meta?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    public static Claim<T> Classify<T>(ObjectMeta owner, Selector selector, IEnumerable<T> candidates)
        where T : KubeObject
    {
        var claim = new Claim<T>([], [], []);
        var ownerDeleting = owner.DeletionTimestamp is not null;
        foreach (var candidate in candidates)
        {
            var meta = candidate.Metadata;
            var matches = selector.Matches(meta?.Labels);
            var controller = ControllerOf(meta);
            if (controller is not null)
            {
                if (controller.Uid != owner.Uid)
                {
                    continue;
                }

                (matches || ownerDeleting ? claim.Owned : claim.Release).Add(candidate);
            }
            else if (matches && !ownerDeleting && meta?.DeletionTimestamp is null)
            {
                claim.Adopt.Add(candidate);
            }
        }

        return claim;
    }

    /// <summary>The reference a controller puts on what it creates or adopts.</summary>
    public static OwnerReference Reference(KubeObject owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata!.Name,
        Uid = owner.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
