using FastKube.Api.Core;
using FastKube.Api.Policy;
using FastKube.Api.Scheduling;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Scheduler.Config;
using Microsoft.Extensions.Logging;

namespace FastKube.Scheduler.Hosting;

/// <summary>
/// The scheduler against a real API server: nodes, pods, priority classes and PodDisruptionBudgets (policy/v1) from shared informers feed
/// <see cref="Scheduler"/>, binds go to <c>pods/{name}/binding</c>, and what it reports becomes events and
/// pod status patches.
/// </summary>
public sealed class SchedulerService : IAsyncDisposable
{
    private readonly SharedInformerFactory _informers;
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private SchedulerService(SharedInformerFactory informers, CancellationTokenSource stop, Task running)
    {
        _informers = informers;
        _stop = stop;
        _running = running;
    }

    public static async Task<SchedulerService> StartAsync(KubeClient client, SchedulerConfiguration configuration, ILoggerFactory logs, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logs);
        var scheduler = Scheduler.Create(configuration, new ApiBinder(client.Resource<Pod>()), new ApiEvents(client, time, logs.CreateLogger<SchedulerService>()), time);
        var informers = new SharedInformerFactory(client, InformerOptions.Default with { TimeProvider = time, LoggerFactory = logs });
        informers.GetInformer<Node>().AddEventHandler(new ResourceEventHandler<Node>
        {
            Added = (node, _) => scheduler.AddNode(node),
            Updated = (_, node) => scheduler.UpdateNode(node),
            Deleted = (node, _) => scheduler.RemoveNode(node),
        });
        informers.GetInformer<Pod>().AddEventHandler(new ResourceEventHandler<Pod>
        {
            Added = (pod, _) => scheduler.AddPod(pod),
            Updated = (_, pod) => scheduler.UpdatePod(pod),
            Deleted = (pod, _) => scheduler.RemovePod(pod),
        });
        informers.GetInformer<PriorityClass>().AddEventHandler(new ResourceEventHandler<PriorityClass>
        {
            Added = (pc, _) => scheduler.SetPriorityClass(pc),
            Updated = (_, pc) => scheduler.SetPriorityClass(pc),
            Deleted = (pc, _) => scheduler.RemovePriorityClass(pc.Metadata!.Name!),
        });
        informers.GetInformer<PodDisruptionBudget>().AddEventHandler(new ResourceEventHandler<PodDisruptionBudget>
        {
            Added = (pdb, _) => scheduler.SetDisruptionBudget(pdb),
            Updated = (_, pdb) => scheduler.SetDisruptionBudget(pdb),
            Deleted = (pdb, _) => scheduler.RemoveDisruptionBudget(pdb),
        });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        informers.Start(stop.Token);
        await informers.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
        return new SchedulerService(informers, stop, Task.Run(() => scheduler.RunAsync(stop.Token), CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _informers.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
