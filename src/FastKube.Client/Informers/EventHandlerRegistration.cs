using System.Threading.Channels;
using FastKube.Api.Meta;
using Microsoft.Extensions.Logging;

namespace FastKube.Client.Informers;

/// <summary>
/// One handler's place on an informer: its own unbounded queue of notifications and the task that feeds the
/// handler from it (client-go's processorListener). Dispose to stop receiving events.
/// </summary>
public sealed class EventHandlerRegistration<T> : IDisposable
    where T : KubeObject
{
    private readonly Channel<Notification> _queue = Channel.CreateUnbounded<Notification>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IResourceEventHandler<T> _handler;
    private readonly ILogger _logger;
    private readonly Action<EventHandlerRegistration<T>> _remove;
    private volatile bool _synced;

    internal EventHandlerRegistration(IResourceEventHandler<T> handler, ILogger logger, Action<EventHandlerRegistration<T>> remove)
    {
        _handler = handler;
        _logger = logger;
        _remove = remove;
        Completion = Task.Run(ConsumeAsync);
    }

    internal enum Kind
    {
        Add,
        InitialAdd,
        Update,
        Delete,
        DeleteUnknown,
        Synced,
    }

    /// <summary>True once this handler has been given every object of the informer's first list.</summary>
    public bool HasSynced => _synced;

    /// <summary>Notifications queued and not yet handled: how far this handler lags.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Ends when the registration is disposed or the informer stops, after the queue drains.</summary>
    internal Task Completion { get; }

    public void Dispose()
    {
        _remove(this);
        _queue.Writer.TryComplete();
    }

    internal void Enqueue(Kind kind, T? oldObj, T? newObj) => _queue.Writer.TryWrite(new Notification(kind, oldObj, newObj));

    internal void Complete() => _queue.Writer.TryComplete();

    private async Task ConsumeAsync()
    {
        await foreach (var n in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                switch (n.Kind)
                {
                    case Kind.Add:
                    case Kind.InitialAdd:
                        _handler.OnAdd(n.New!, n.Kind == Kind.InitialAdd);
                        break;
                    case Kind.Update:
                        _handler.OnUpdate(n.Old!, n.New!);
                        break;
                    case Kind.Delete:
                    case Kind.DeleteUnknown:
                        _handler.OnDelete(n.Old!, n.Kind == Kind.DeleteUnknown);
                        break;
                    case Kind.Synced:
                        _synced = true;
                        break;
                }
            }
#pragma warning disable CA1031 // A handler's bug must not stop its queue: logged, and the next event is delivered.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ClientLog.HandlerFailed(_logger, typeof(T).Name, n.Kind.ToString(), e);
            }
        }
    }

    internal readonly record struct Notification(Kind Kind, T? Old, T? New);
}
