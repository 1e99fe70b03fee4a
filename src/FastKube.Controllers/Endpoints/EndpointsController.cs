using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Serialization;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using FastKube.Controllers.EndpointSlices;
using Microsoft.Extensions.Logging;
using CoreEndpoints = FastKube.Api.Core.Endpoints;

namespace FastKube.Controllers.Endpoints;

/// <summary>
/// Keeps the legacy core/v1 Endpoints object of every Service with a selector in step with its pods
/// (upstream's endpoints controller, for clients that predate EndpointSlices): a Service or pod event
/// enqueues the Services concerned; a sync writes <see cref="EndpointsPlanner"/>'s object when it differs,
/// and deletes the Endpoints of a Service that is gone. Selector-less Services' Endpoints are left alone.
/// </summary>
internal sealed class EndpointsController : QueueController
{
    private readonly ResourceClient<CoreEndpoints> _endpoints;
    private readonly InformerCache<Service> _serviceCache;
    private readonly InformerCache<Pod> _podCache;
    private readonly InformerCache<CoreEndpoints> _endpointsCache;

    public EndpointsController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("endpoints", time, logs.CreateLogger<EndpointsController>())
    {
        _endpoints = client.Resource<CoreEndpoints>();
        var services = informers.GetInformer<Service>();
        var pods = informers.GetInformer<Pod>();
        var endpoints = informers.GetInformer<CoreEndpoints>();
        _serviceCache = services.Cache;
        _podCache = pods.Cache;
        _endpointsCache = endpoints.Cache;
        ServicePodEvents.Register(services, pods, Enqueue);

        // Someone else's write to (or deletion of) a Service's Endpoints is put right by syncing the Service.
        endpoints.AddEventHandler(new ResourceEventHandler<CoreEndpoints>
        {
            Updated = (_, ep) => Enqueue(ep),
            Deleted = (ep, _) => Enqueue(ep),
        });
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var id = ObjectKey.Parse(key);
        var service = _serviceCache.Get(id);
        var existing = _endpointsCache.Get(id);
        if (service is null)
        {
            if (existing is not null)
            {
                try
                {
                    await _endpoints.DeleteAsync(id.Namespace, id.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (KubeApiException exception) when (exception.IsNotFound)
                {
                    // Gone already.
                }
            }

            return;
        }

        if (service.Spec?.Selector is not { Count: > 0 } selectorLabels
            || !Selector.TryFrom(new Api.Meta.LabelSelector { MatchLabels = selectorLabels }, out var selector, out _))
        {
            return;
        }

        var desired = EndpointsPlanner.Build(service, _podCache.List(id.Namespace).Where(p => selector.Matches(p.Metadata?.Labels)));
        if (existing is null)
        {
            // Already there but not yet in the cache: the refusal makes the sync retry once it is.
            await _endpoints.CreateAsync(desired, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Same(existing, desired))
        {
            return;
        }

        var update = Objects.Copy(existing);
        update.Subsets = desired.Subsets;
        update.Metadata!.Labels = desired.Metadata!.Labels;
        var annotations = update.Metadata.Annotations ?? new(StringComparer.Ordinal);
        annotations.Remove(EndpointsPlanner.OverCapacityAnnotation);
        foreach (var (name, value) in desired.Metadata.Annotations ?? [])
        {
            annotations[name] = value;
        }

        update.Metadata.Annotations = annotations.Count == 0 ? null : annotations;
        await _endpoints.UpdateAsync(update, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static bool Same(CoreEndpoints existing, CoreEndpoints desired) =>
        KubeJson.SerializeToString(existing.Subsets ?? []) == KubeJson.SerializeToString(desired.Subsets ?? [])
        && KubeJson.SerializeToString(existing.Metadata?.Labels ?? []) == KubeJson.SerializeToString(desired.Metadata?.Labels ?? [])
        && existing.Metadata?.Annotations?.GetValueOrDefault(EndpointsPlanner.OverCapacityAnnotation) == desired.Metadata?.Annotations?.GetValueOrDefault(EndpointsPlanner.OverCapacityAnnotation);
}
