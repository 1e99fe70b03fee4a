using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Labels;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.EndpointSlices;

/// <summary>
/// Keeps each Service's EndpointSlices in step with its ready, serving and terminating pods (upstream's
/// EndpointSlice controller): a Service, pod or slice event enqueues the Services it concerns, and a sync
/// applies the <see cref="EndpointSlicePlanner"/>'s creates, updates and deletes, touching only the slices
/// that changed.
/// </summary>
internal sealed class EndpointSliceController : QueueController
{
    private readonly ResourceClient<EndpointSlice> _slices;
    private readonly InformerCache<Service> _serviceCache;
    private readonly InformerCache<Pod> _podCache;
    private readonly InformerCache<EndpointSlice> _sliceCache;
    private readonly InformerCache<Node> _nodeCache;

    public EndpointSliceController(KubeClient client, SharedInformerFactory informers, TimeProvider time, ILoggerFactory logs)
        : base("endpointslice", time, logs.CreateLogger<EndpointSliceController>())
    {
        _slices = client.Resource<EndpointSlice>();
        var services = informers.GetInformer<Service>();
        var pods = informers.GetInformer<Pod>();
        var slices = informers.GetInformer<EndpointSlice>();
        _serviceCache = services.Cache;
        _podCache = pods.Cache;
        _sliceCache = slices.Cache;
        _nodeCache = informers.GetInformer<Node>().Cache;
        ServicePodEvents.Register(services, pods, Enqueue);
        slices.AddEventHandler(new ResourceEventHandler<EndpointSlice>
        {
            Added = (slice, _) => SliceChanged(slice),
            Updated = (_, slice) => SliceChanged(slice),
            Deleted = (slice, _) => SliceChanged(slice),
        });
    }

    // Someone else's write to our slice (or its deletion) is put right by syncing its Service.
    private void SliceChanged(EndpointSlice slice)
    {
        if (slice.Metadata?.Labels?.GetValueOrDefault(EndpointSlicePlanner.ManagedByLabel) == EndpointSlicePlanner.ManagedBy
            && slice.Metadata.Labels.GetValueOrDefault(EndpointSlicePlanner.ServiceNameLabel) is { } service)
        {
            Queue.Add(new ObjectKey(slice.Metadata.Namespace ?? "", service).ToString());
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var id = ObjectKey.Parse(key);
        var service = _serviceCache.Get(id);
        var existing = _sliceCache.List(id.Namespace)
            .Where(s => s.Metadata?.Labels?.GetValueOrDefault(EndpointSlicePlanner.ServiceNameLabel) == id.Name
                && s.Metadata.Labels.GetValueOrDefault(EndpointSlicePlanner.ManagedByLabel) == EndpointSlicePlanner.ManagedBy)
            .ToList();

        // Upstream leaves a deleted Service's slices to the garbage collector (they are owned by it); removing them
        // here as well keeps them from lingering when the garbage collector is turned off (--controllers).
        if (service is null)
        {
            foreach (var slice in existing)
            {
                await _slices.DeleteAsync(slice.Metadata!.Namespace, slice.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // Services without a selector are left to whoever manages their slices.
        if (service.Spec?.Selector is not { Count: > 0 } selectorLabels)
        {
            return;
        }

        if (!Selector.TryFrom(new Api.Meta.LabelSelector { MatchLabels = selectorLabels }, out var selector, out _))
        {
            return;
        }

        var desired = _podCache.List(id.Namespace)
            .Where(p => selector.Matches(p.Metadata?.Labels) && EndpointBuilder.Qualifies(p))
            .Select(p => new DesiredEndpoint(EndpointBuilder.Build(service, p, Zone(p)), EndpointBuilder.Ports(service, p)))
            .ToList();
        var plan = EndpointSlicePlanner.Plan(service, desired, existing);
        foreach (var slice in plan.Delete)
        {
            await _slices.DeleteAsync(slice.Metadata!.Namespace, slice.Metadata.Name!, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var slice in plan.Update)
        {
            await _slices.UpdateAsync(slice, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var slice in plan.Create)
        {
            await _slices.CreateAsync(slice, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private string? Zone(Pod pod) =>
        pod.Spec?.NodeName is { Length: > 0 } node ? _nodeCache.Get(null, node)?.Metadata?.Labels?.GetValueOrDefault(EndpointBuilder.ZoneLabel) : null;
}
