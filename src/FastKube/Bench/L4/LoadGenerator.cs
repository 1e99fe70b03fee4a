using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FastKube.Bench.L4;

/// <summary>The <c>l4</c> client workloads, identical for the direct path and both proxies.</summary>
internal static class LoadGenerator
{
    /// <summary>Request and response size of the small exchanges (a short RPC).</summary>
    public const int MessageBytes = 64;

    /// <summary>New connections per second: each worker connects, sends 64 bytes, reads the echo, closes.</summary>
    public static async Task<(double PerSecond, long Failures)> ConnectionRateAsync(IPEndPoint target, int workers, TimeSpan phase, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var message = new byte[MessageBytes];
            var reply = new byte[MessageBytes];
            long done = 0, failed = 0;
            while (clock.Elapsed < phase)
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
                    await socket.SendAsync(message, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    await ReadExactlyAsync(socket, reply, cancellationToken).ConfigureAwait(false);
                    done++;
                }
                catch (SocketException)
                {
                    failed++;
                }
            }

            return (done, failed);
        }, cancellationToken))).ConfigureAwait(false);
        return (results.Sum(r => r.done) / clock.Elapsed.TotalSeconds, results.Sum(r => r.failed));
    }

    /// <summary>Round-trip latencies (µs, sorted) of 64-byte exchanges on keep-alive connections, one request in flight per connection.</summary>
    public static async Task<double[]> KeepAliveLatencyAsync(IPEndPoint target, int connections, TimeSpan phase, CancellationToken cancellationToken)
    {
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                sockets.Add(socket);
                await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            }

            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(sockets.Select(socket => Task.Run(async () =>
            {
                var message = new byte[MessageBytes];
                var reply = new byte[MessageBytes];
                var samples = new List<double>();
                while (clock.Elapsed < phase)
                {
                    var started = Stopwatch.GetTimestamp();
                    await socket.SendAsync(message, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    await ReadExactlyAsync(socket, reply, cancellationToken).ConfigureAwait(false);
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                }

                return samples;
            }, cancellationToken))).ConfigureAwait(false);
            var all = results.SelectMany(r => r).ToArray();
            Array.Sort(all);
            return all;
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Opens <paramref name="count"/> connections and leaves them idle; the caller disposes them.</summary>
    public static async Task<List<Socket>> OpenIdleAsync(IPEndPoint target, int count, CancellationToken cancellationToken)
    {
        var sockets = new List<Socket>(count);
        using var gate = new SemaphoreSlim(64);
        var tasks = new List<Task<Socket>>(count);
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
                    return socket;
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken));
        }

        sockets.AddRange(await Task.WhenAll(tasks).ConfigureAwait(false));
        return sockets;
    }

    public static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    private static async Task ReadExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            read += received;
        }
    }
}
