using System.Collections.Concurrent;
using FastKube.Api.Labels;
using FastKube.Api.Meta;
using FastKube.Client.Informers;
using FastKube.Client.WorkQueues;
using Microsoft.Extensions.Logging;

namespace FastKube.Controllers.Common;

/// <summary>
/// The shape every controller here shares, as upstream's: informer events only enqueue keys
/// ("namespace/name"); workers take keys off a rate-limited, deduplicating queue (one worker per key at a
/// time) and sync them against the informer caches; a failed sync is retried with per-key exponential
/// backoff, a successful one forgets the key's failures.
/// </summary>
internal abstract class QueueController(string name, TimeProvider time, ILogger logger, IRateLimiter<string>? rateLimiter = null)
{
    // Keys whose last sync asked to come back later with backoff (work not failed, only not finished yet).
    private readonly ConcurrentDictionary<string, byte> _retryLater = new(StringComparer.Ordinal);

    protected WorkQueue<string> Queue { get; } = new(rateLimiter ?? RateLimiters.Default<string>(time), time);

    public string Name { get; } = name;

    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>Brings the object named by <paramref name="key"/> to its desired state; throws to be retried.</summary>
    protected abstract Task SyncAsync(string key, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="workers"/> workers until cancelled, then shuts the queue down.</summary>
    public async Task RunAsync(int workers, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(Queue.ShutDown);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None))).ConfigureAwait(false);
    }

    /// <summary>
    /// Called from <see cref="SyncAsync"/>: the key is fine but not done (e.g. content still being removed); it comes
    /// back after the queue's per-key backoff, which keeps growing until a sync finishes without asking this.
    /// </summary>
    protected void RetryLater(string key) => _retryLater[key] = 0;

    protected void Enqueue(KubeObject obj) => Queue.Add(ObjectKey.Of(obj).ToString());

    /// <summary>Enqueues every owner whose selector matches <paramref name="labels"/>: the controllers that could adopt an orphan.</summary>
    protected void EnqueueSelecting<TOwner>(IEnumerable<TOwner> owners, Func<TOwner, LabelSelector?> selectorOf, IReadOnlyDictionary<string, string>? labels)
        where TOwner : KubeObject
    {
        foreach (var owner in owners)
        {
            if (Selector.TryFrom(selectorOf(owner), out var selector, out _) && !selector.IsEverything && selector.Matches(labels))
            {
                Enqueue(owner);
            }
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (key, shutdown) = await Queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shutdown)
            {
                return;
            }

            try
            {
                await SyncAsync(key, cancellationToken).ConfigureAwait(false);
                if (_retryLater.TryRemove(key, out _))
                {
                    Queue.AddRateLimited(key);
                }
                else
                {
                    Queue.Forget(key);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _retryLater.TryRemove(key, out _);
                Logger.LogWarning(exception, "{Controller}: sync of {Key} failed (retry {Retry})", Name, key, Queue.NumRequeues(key) + 1);
                Queue.AddRateLimited(key);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }
}
