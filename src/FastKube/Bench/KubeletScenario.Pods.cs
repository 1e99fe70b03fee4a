using System.Collections.Concurrent;
using System.Diagnostics;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Client;
using FastKube.Client.Informers;

namespace FastKube.Bench;

/// <summary>Bound pods (spec.nodeName set, so no scheduler in the path) and the watch that sees them Running+Ready.</summary>
internal sealed partial class KubeletScenario
{
    private static Pod MakePod(string name, string nodeName) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = Namespace },
        Spec = new PodSpec
        {
            NodeName = nodeName,
            Containers = [new Container { Name = "app", Image = BusyboxImage(), Command = ["sleep", "3600"] }],
        },
    };

    private static string BusyboxImage() => Agent.BusyboxImage.Name;

    /// <summary>A pod informer recording, per pod name, when it was first seen Running with Ready=True.</summary>
    private sealed class RunningObserver : IDisposable
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _running = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private readonly SharedInformer<Pod> _informer;
        private readonly Task _loop;
        private int _count;

        public RunningObserver(KubeClient client)
        {
            _informer = new SharedInformer<Pod>(client.Resource<Pod>());
            _informer.AddEventHandler(new ResourceEventHandler<Pod> { Added = (pod, _) => Observe(pod), Updated = (_, pod) => Observe(pod) });
            _loop = _informer.RunAsync(_stop.Token);
        }

        public int Count => Volatile.Read(ref _count);

        public Task SyncedAsync(CancellationToken cancellationToken) => _informer.WaitForCacheSyncAsync(cancellationToken);

        /// <summary>Completes with the Stopwatch timestamp at which the pod was seen Running and Ready.</summary>
        public Task<long> RunningAt(string name) => Slot(name).Task;

        /// <summary>Waits until <paramref name="expected"/> pods are Running+Ready or the deadline passes; returns whether they all are.</summary>
        public async Task<bool> WaitForCountAsync(int expected, TimeSpan patience, CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
            while (Count < expected && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            return Count >= expected;
        }

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
            {
                // The informer ends by cancellation.
            }

            _stop.Dispose();
        }

        private TaskCompletionSource<long> Slot(string name) =>
            _running.GetOrAdd(name, static _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

        private void Observe(Pod pod)
        {
            if (pod.Status is not { Phase: "Running" } status
                || status.Conditions?.Any(c => c.Type == PodConditionTypes.Ready && c.Status == "True") != true)
            {
                return;
            }

            if (Slot(pod.Metadata!.Name!).TrySetResult(Stopwatch.GetTimestamp()))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
