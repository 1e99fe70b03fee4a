using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using FastKube.Controllers.DaemonSets;
using FastKube.Controllers.Endpoints;
using FastKube.Controllers.Deployments;
using FastKube.Controllers.EndpointSlices;
using FastKube.Controllers.Jobs;
using FastKube.Controllers.Nodes;
using FastKube.Controllers.ReplicaSets;
using FastKube.Controllers.StatefulSets;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers;

/// <summary>
/// Runs the controllers over one shared informer factory (one watch per resource for all of them): starts
/// the informers, waits for their caches, then runs each controller's workers until stopped.
/// </summary>
public sealed class ControllerManager : IAsyncDisposable
{
    private readonly SharedInformerFactory _informers;
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private ControllerManager(SharedInformerFactory informers, CancellationTokenSource stop, Task running)
    {
        _informers = informers;
        _stop = stop;
        _running = running;
    }

    public static async Task<ControllerManager> StartAsync(KubeClient client, ControllerManagerOptions options, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var informers = new SharedInformerFactory(client, InformerOptions.Default with { TimeProvider = options.TimeProvider, LoggerFactory = logs });
        var time = options.TimeProvider;
        var replicaSets = new ReplicaSetController(client, informers, time, logs);
        var deployments = new DeploymentController(client, informers, time, logs);
        var endpointSlices = new EndpointSliceController(client, informers, time, logs);
        informers.GetInformer<Api.Core.Pod>().AddIndexer(Indexers.NodeName, Indexers.ByNodeName);
        (QueueController Controller, int Workers)[] workloads =
        [
            (new JobController(client, informers, time, logs), options.ConcurrentJobSyncs),
            (new DaemonSetController(client, informers, time, logs), options.ConcurrentDaemonSetSyncs),
            (new StatefulSetController(client, informers, time, logs), options.ConcurrentStatefulSetSyncs),
            (new EndpointsController(client, informers, time, logs), options.ConcurrentEndpointSyncs),
            (new NodeLifecycleController(client, informers, options.NodeMonitorGracePeriod, time, logs), options.ConcurrentNodeLifecycleSyncs),
        ];
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        informers.Start(stop.Token);
        await informers.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
        var running = Task.WhenAll(
            replicaSets.RunAsync(options.ConcurrentReplicaSetSyncs, stop.Token),
            deployments.RunAsync(options.ConcurrentDeploymentSyncs, stop.Token),
            endpointSlices.RunAsync(options.ConcurrentEndpointSliceSyncs, stop.Token),
            Task.WhenAll(workloads.Select(w => w.Controller.RunAsync(w.Workers, stop.Token))));
        return new ControllerManager(informers, stop, running);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        await _informers.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
