using FastKube.Api.Core;
using FastKube.Client.Informers;

namespace FastKube.Controllers.Common;

/// <summary>
/// Pod informer events for a controller that owns pods of one kind: an event wakes the owning object
/// (settling a create or delete expectation on the way), and an orphan is offered to
/// <paramref name="orphan"/>, which enqueues whatever could adopt it.
/// </summary>
internal static class OwnedPodEvents
{
    public static ResourceEventHandler<Pod> Handler(string ownerKind, Expectations expectations, Action<string> enqueue, Action<Pod> orphan)
    {
        void Changed(Pod pod, bool created, bool deleted)
        {
            if (ControllerRefs.ControllerOf(pod.Metadata) is { } owner)
            {
                if (owner.Kind != ownerKind)
                {
                    return;
                }

                var key = new ObjectKey(pod.Metadata!.Namespace ?? "", owner.Name ?? "").ToString();
                if (created)
                {
                    expectations.Created(key);
                }
                else if (deleted)
                {
                    expectations.Deleted(key);
                }

                enqueue(key);
            }
            else if (!deleted)
            {
                orphan(pod);
            }
        }

        return new ResourceEventHandler<Pod>
        {
            Added = (pod, _) => Changed(pod, created: true, deleted: false),
            Updated = (old, pod) =>
            {
                if (ControllerRefs.ControllerOf(old.Metadata)?.Uid != ControllerRefs.ControllerOf(pod.Metadata)?.Uid)
                {
                    Changed(old, created: false, deleted: false);
                }

                Changed(pod, created: false, deleted: pod.Metadata?.DeletionTimestamp is not null && old.Metadata?.DeletionTimestamp is null);
            },
            Deleted = (pod, _) => Changed(pod, created: false, deleted: true),
        };
    }
}
