using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client.Informers;

namespace FastKube.Controllers.EndpointSlices;

/// <summary>
/// The informer wiring the EndpointSlice and Endpoints controllers share: a Service event enqueues the
/// Service, a pod event every Service of its namespace whose selector matches the pod (before and after an
/// update, so a pod leaving a selector is noticed too).
/// </summary>
internal static class ServicePodEvents
{
    public static void Register(SharedInformer<Service> services, SharedInformer<Pod> pods, Action<KubeObject> enqueue)
    {
        var cache = services.Cache;
        services.AddEventHandler(new ResourceEventHandler<Service>
        {
            Added = (svc, _) => enqueue(svc),
            Updated = (_, svc) => enqueue(svc),
            Deleted = (svc, _) => enqueue(svc),
        });

        void PodChanged(Pod pod)
        {
            foreach (var svc in cache.List(pod.Metadata?.Namespace ?? ""))
            {
                if (svc.Spec?.Selector is { Count: > 0 } selector && selector.All(l => pod.Metadata?.Labels?.GetValueOrDefault(l.Key) == l.Value))
                {
                    enqueue(svc);
                }
            }
        }

        pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            Added = (pod, _) => PodChanged(pod),
            Updated = (old, pod) =>
            {
                PodChanged(old);
                PodChanged(pod);
            },
            Deleted = (pod, _) => PodChanged(pod),
        });
    }
}
