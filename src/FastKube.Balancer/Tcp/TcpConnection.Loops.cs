using System.IO.Pipelines;
using System.Net.Sockets;

namespace FastKube.Balancer.Tcp;

internal sealed partial class TcpConnection
{
    /// <summary>Socket → pipe. Waits for data with a zero-byte receive before renting a block (Kestrel's trick:
    /// 10,000 idle connections hold no buffers), except right after a receive that filled its block, when more
    /// data is almost certainly queued and the extra system call would only cost bulk throughput.</summary>
    private async Task ReceiveAsync(Socket from, PipeWriter writer, bool fromClient)
    {
        Exception? error = null;
        try
        {
            var filled = false;
            while (true)
            {
                if (!filled)
                {
                    await from.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                }

                var memory = writer.GetMemory();
                var received = await from.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                filled = received == memory.Length;
                writer.Advance(received);
                Volatile.Write(ref _lastActivity, _frontend.Clock.Now);
                Interlocked.Add(ref fromClient ? ref _backend!.BytesIn : ref _backend!.BytesOut, received);
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            error = exception;
            Abort();
        }

        await writer.CompleteAsync(error).ConfigureAwait(false);
    }

    /// <summary>Pipe → socket; at the end of the pipe forwards the half-close as shutdown(SEND).</summary>
    private async Task SendAsync(PipeReader reader, Socket to)
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }

                var buffer = result.Buffer;
                if (buffer.IsSingleSegment)
                {
                    await to.SendAsync(buffer.First, SocketFlags.None).ConfigureAwait(false);
                }
                else
                {
                    foreach (var segment in buffer)
                    {
                        await to.SendAsync(segment, SocketFlags.None).ConfigureAwait(false);
                    }
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    to.Shutdown(SocketShutdown.Send);
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            error = exception;
            Abort();
        }

        await reader.CompleteAsync(error).ConfigureAwait(false);
    }
}
