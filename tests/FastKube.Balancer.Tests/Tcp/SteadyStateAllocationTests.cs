using System.Net.Sockets;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Tcp;

/// <summary>Runs alone: it reads the process-wide allocation counter, which parallel tests would disturb.</summary>
[CollectionDefinition(nameof(SteadyStateAllocationTests), DisableParallelization = true)]
public sealed class SteadyStateAllocationCollection;

/// <summary>
/// The relay's steady path allocates nothing per block: streaming twice as many bytes through one established
/// connection costs (almost) no more allocated bytes than streaming half of them. The client and the sink
/// reuse their buffers, so whatever grows with the byte count would be the balancer's.
/// </summary>
[Collection(nameof(SteadyStateAllocationTests))]
public sealed class SteadyStateAllocationTests
{
    private const int Chunk = 64 * 1024;

    [Theory]
    [InlineData(TcpRelay.Pipelines)]
    [InlineData(TcpRelay.Copy)]
    public async Task Relay_LongerStream_AllocatesNoMorePerBlock(TcpRelay relay)
    {
        long received = 0;
        using var sink = new TestBackend(async socket =>
        {
            // Memory overloads: the byte[] ones return Task<int>, an allocation per call on the test's side.
            var buffer = new byte[Chunk];
            int n;
            while ((n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None)) > 0)
            {
                Interlocked.Add(ref received, n);
            }
        });
        await using var balancer = Balancers.Create(new ManualClock(), relay);
        balancer.Apply(new BalancerConfig([Balancers.Tcp("bulk", sink.EndPoint)]));
        using var client = await Clients.ConnectAsync(balancer.ListenerEndPoint("bulk")!);
        var chunk = new byte[Chunk];

        // Warm up: JIT, pools, pipes and the loops' state machines exist after this.
        await SendAsync(client, chunk, 16 << 20, () => Interlocked.Read(ref received));

        // The runtime and the test host allocate a little in the background (up to ~100 KiB in a second here), so
        // each length runs three times and the least is kept: background noise only ever adds.
        long shortRun = long.MaxValue, longRun = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            shortRun = Math.Min(shortRun, await AllocatedWhileAsync(() => SendAsync(client, chunk, 16 << 20, () => Interlocked.Read(ref received))));
            longRun = Math.Min(longRun, await AllocatedWhileAsync(() => SendAsync(client, chunk, 80 << 20, () => Interlocked.Read(ref received))));
        }

        // 64 MiB more is 1,024 more 64 KiB blocks (4,096 with 16 KiB ones): 128 bytes per block would already add 128 KiB.
        Assert.True(longRun - shortRun < 128 * 1024, $"short run allocated {shortRun} bytes, long run {longRun}; blocks {balancer.Blocks.Allocated}");
    }

    private static async Task<long> AllocatedWhileAsync(Func<Task> run)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await run();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static async Task SendAsync(Socket client, byte[] chunk, long bytes, Func<long> received)
    {
        var target = received() + bytes;
        for (long sent = 0; sent < bytes; sent += chunk.Length)
        {
            await client.SendAsync(chunk.AsMemory(), SocketFlags.None);
        }

        // Thread.Sleep, not Task.Delay: the wait itself must not allocate.
        while (received() < target)
        {
            Thread.Sleep(1);
        }
    }
}
