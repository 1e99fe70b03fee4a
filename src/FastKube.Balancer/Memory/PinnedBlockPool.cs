using System.Buffers;
using System.Collections.Concurrent;

namespace FastKube.Balancer.Memory;

/// <summary>
/// Fixed-size pinned blocks for the connection pipes (Kestrel's pinned block pool, reduced to what a relay
/// needs): blocks live on the pinned object heap so sockets never pin per I/O, a block and its owner object
/// are reused together so a steady stream rents without allocating, free blocks are kept in one queue per
/// shard (chosen by the current CPU, so two I/O threads rarely contend; a miss steals from the others) and each shard keeps at most
/// <see cref="RetainPerShard"/> free blocks; beyond that a returned block is left to the GC, which bounds the
/// memory a burst leaves behind.
/// </summary>
internal sealed class PinnedBlockPool : MemoryPool<byte>
{
    private readonly Shard[] _shards;

    public PinnedBlockPool(int blockSize, int shards, int retainPerShard)
    {
        BlockSize = blockSize;
        RetainPerShard = retainPerShard;
        _shards = new Shard[Math.Max(1, shards)];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }
    }

    public int BlockSize { get; }

    public int RetainPerShard { get; }

    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks ever allocated (tests and the bench read it to prove reuse).</summary>
    public long Allocated => Volatile.Read(ref _allocated);

    private long _allocated;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"blocks are {BlockSize} bytes");
        }

        // The current CPU's shard first; then the others, since a block rented on one CPU is often returned on
        // another (the send completes elsewhere), and allocating while another shard holds free blocks would
        // make a steady stream allocate.
        var home = (int)((uint)Thread.GetCurrentProcessorId() % (uint)_shards.Length);
        for (var i = 0; i < _shards.Length; i++)
        {
            var shard = _shards[(home + i) % _shards.Length];
            if (shard.Free.TryDequeue(out var block))
            {
                Interlocked.Decrement(ref shard.Count);
                block.Rented();
                return block;
            }
        }

        Interlocked.Increment(ref _allocated);
        return new Block(this, GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true));
    }

    private void Return(Block block)
    {
        var shard = _shards[(uint)Thread.GetCurrentProcessorId() % (uint)_shards.Length];
        if (Interlocked.Increment(ref shard.Count) <= RetainPerShard)
        {
            shard.Free.Enqueue(block);
        }
        else
        {
            Interlocked.Decrement(ref shard.Count);
        }
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var shard in _shards)
        {
            shard.Free.Clear();
        }
    }

    private sealed class Shard
    {
        public readonly ConcurrentQueue<Block> Free = new();
        public int Count;
    }

    private sealed class Block(PinnedBlockPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private int _returned;

        public Memory<byte> Memory { get; } = array;

        public void Rented() => Volatile.Write(ref _returned, 0);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                pool.Return(this);
            }
        }
    }
}
