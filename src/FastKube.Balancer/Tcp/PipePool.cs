using System.Collections.Concurrent;
using System.IO.Pipelines;

namespace FastKube.Balancer.Tcp;

/// <summary>
/// Reset pipes kept for the next connection, so a connection costs its own object and loops but not two
/// fresh pipes. Capped like the block pool: a burst's pipes beyond <see cref="Retain"/> go to the GC.
/// </summary>
internal sealed class PipePool(PipeOptions options, int retain)
{
    private readonly ConcurrentQueue<Pipe> _free = new();
    private int _count;

    public PipeOptions Options { get; } = options;

    public int Retain { get; } = retain;

    public Pipe Rent()
    {
        if (_free.TryDequeue(out var pipe))
        {
            Interlocked.Decrement(ref _count);
            return pipe;
        }

        return new Pipe(Options);
    }

    /// <summary>Takes back a pipe whose reader and writer have both completed.</summary>
    public void Return(Pipe pipe)
    {
        pipe.Reset();
        if (Interlocked.Increment(ref _count) <= Retain)
        {
            _free.Enqueue(pipe);
        }
        else
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
