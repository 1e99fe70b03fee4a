using System.Threading.Channels;

namespace FastKube.Storage;

/// <summary>
/// A running watch: events of one key range with revision ≥ <see cref="StartRevision"/>, in revision
/// order, history first and then live with no gap or duplicate. When <see cref="Events"/> completes,
/// <see cref="End"/> says why.
/// </summary>
public sealed class StoreWatch : IAsyncDisposable
{
    private readonly Channel<WatchEvent> channel;
    private readonly CancellationTokenSource stopping = new();
    private readonly Action<StoreWatch> detach;
    private int ended;
    private volatile WatchEnd end;

    internal StoreWatch(KeyRange range, long startRevision, int capacity, Action<StoreWatch> detach)
    {
        Range = range;
        StartRevision = startRevision;
        Capacity = capacity;
        this.detach = detach;
        channel = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>The watched keys.</summary>
    public KeyRange Range { get; }

    /// <summary>The first revision the watch reports.</summary>
    public long StartRevision { get; }

    /// <summary>Events buffered for this watcher at most; a live event arriving to a full buffer ends the watch with <see cref="WatchEnd.TooSlow"/>.</summary>
    public int Capacity { get; }

    /// <summary>The events. Completes when the watch ends.</summary>
    public ChannelReader<WatchEvent> Events => channel.Reader;

    /// <summary>Why the watch ended, or <see cref="WatchEnd.Running"/>.</summary>
    public WatchEnd End => end;

    /// <summary>With <see cref="WatchEnd.Compacted"/>: the store's compaction revision.</summary>
    public long CompactRevision { get; private set; }

    /// <summary>With <see cref="WatchEnd.Failed"/>: what failed.</summary>
    public Exception? Error { get; private set; }

    internal CancellationToken Stopping => stopping.Token;

    internal bool IsEnded => Volatile.Read(ref ended) != 0;

    /// <summary>Stops the watch; buffered events stay readable.</summary>
    public ValueTask DisposeAsync()
    {
        if (Finish(WatchEnd.Cancelled))
        {
            detach(this);
        }

        return ValueTask.CompletedTask;
    }

    internal bool TryDeliver(in WatchEvent e) => channel.Writer.TryWrite(e);

    internal ValueTask DeliverAsync(in WatchEvent e) => channel.Writer.WriteAsync(e, stopping.Token);

    /// <summary>Ends the watch once; the reason is published before the channel completes.</summary>
    internal bool Finish(WatchEnd reason, long compactRevision = 0, Exception? error = null)
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
        {
            return false;
        }

        CompactRevision = compactRevision;
        Error = error;
        end = reason;
        channel.Writer.TryComplete();
        stopping.Cancel();
        return true;
    }
}
