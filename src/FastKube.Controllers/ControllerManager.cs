using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Controllers.Common;
using FastKube.Controllers.DaemonSets;
using FastKube.Controllers.Deployments;
using FastKube.Controllers.EndpointSlices;
using FastKube.Controllers.Endpoints;
using FastKube.Controllers.Jobs;
using FastKube.Controllers.Namespaces;
using FastKube.Controllers.Nodes;
using FastKube.Controllers.ReplicaSets;
using FastKube.Controllers.ServiceAccounts;
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

    private ControllerManager(SharedInformerFactory informers, CancellationTokenSource stop, Task running, IReadOnlyList<string> controllers)
    {
        _informers = informers;
        _stop = stop;
        _running = running;
        Controllers = controllers;
    }

    /// <summary>The names of the controllers running (after <see cref="ControllerManagerOptions.Controllers"/>).</summary>
    public IReadOnlyList<string> Controllers { get; }

    /// <summary>Completes when every controller has stopped (after <see cref="DisposeAsync"/>, or a failure).</summary>
    public Task Completion => _running;

    public static async Task<ControllerManager> StartAsync(KubeClient client, ControllerManagerOptions options, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var informers = new SharedInformerFactory(client, InformerOptions.Default with { TimeProvider = options.TimeProvider, LoggerFactory = logs });
        var time = options.TimeProvider;
        var controllers = new List<(QueueController Controller, int Workers)>();
        void Add(string name, int workers, Func<QueueController> create)
        {
            if (ControllerSelection.IsEnabled(options.Controllers, name))
            {
                controllers.Add((create(), workers));
            }
        }

        Add("replicaset", options.ConcurrentReplicaSetSyncs, () => new ReplicaSetController(client, informers, time, logs));
        Add("deployment", options.ConcurrentDeploymentSyncs, () => new DeploymentController(client, informers, time, logs));
        Add("endpointslice", options.ConcurrentEndpointSliceSyncs, () => new EndpointSliceController(client, informers, time, logs));
        Add("namespace", options.ConcurrentNamespaceSyncs, () => new NamespaceController(client, informers, time, logs));
        Add("garbagecollector", options.ConcurrentGCSyncs, () => new GarbageCollector.GarbageCollector(client, informers, time, logs));
        Add("serviceaccount", 1, () => new ServiceAccountsController(client, informers, time, logs));
        Add("job", options.ConcurrentJobSyncs, () => new JobController(client, informers, time, logs));
        Add("ttl-after-finished", options.ConcurrentTtlSyncs, () => new TtlAfterFinishedController(client, informers, time, logs));
        Add("daemonset", options.ConcurrentDaemonSetSyncs, () => new DaemonSetController(client, informers, time, logs));
        Add("statefulset", options.ConcurrentStatefulSetSyncs, () => new StatefulSetController(client, informers, time, logs));
        Add("endpoint", options.ConcurrentEndpointSyncs, () => new EndpointsController(client, informers, time, logs));
        Add("nodelifecycle", options.ConcurrentNodeLifecycleSyncs, () => new NodeLifecycleController(client, informers, options.NodeMonitorGracePeriod, time, logs));
        informers.GetInformer<Api.Core.Pod>().AddIndexer(Indexers.NodeName, Indexers.ByNodeName);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        informers.Start(stop.Token);
        try
        {
            await informers.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the caches filled: the informers go with the manager that never started.
            await stop.CancelAsync().ConfigureAwait(false);
            await informers.DisposeAsync().ConfigureAwait(false);
            stop.Dispose();
            throw;
        }

        var running = Task.WhenAll(controllers.Select(c => c.Controller.RunAsync(c.Workers, stop.Token)));
        return new ControllerManager(informers, stop, running, controllers.Select(c => c.Controller.Name).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        await _informers.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
