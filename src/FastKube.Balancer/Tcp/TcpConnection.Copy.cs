using System.Buffers;
using System.Net.Sockets;

namespace FastKube.Balancer.Tcp;

internal sealed partial class TcpConnection
{
    /// <summary>
    /// The <see cref="Configuration.TcpRelay.Copy"/> relay of one direction: receive into a pooled block, send
    /// all of it, repeat. Like the pipe path it waits for data before renting, and keeps its block only while
    /// the stream fills it; EOF becomes shutdown(SEND) on the other socket.
    /// </summary>
    private async Task CopyAsync(Socket from, Socket to, bool fromClient)
    {
        IMemoryOwner<byte>? block = null;
        try
        {
            var filled = false;
            while (true)
            {
                if (!filled)
                {
                    block?.Dispose();
                    block = null;
                    await from.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                }

                block ??= _blocks.Rent();
                var memory = block.Memory;
                var received = await from.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                filled = received == memory.Length;
                Volatile.Write(ref _lastActivity, _frontend.Clock.Now);
                Interlocked.Add(ref fromClient ? ref _backend!.BytesIn : ref _backend!.BytesOut, received);
                await to.SendAsync(memory[..received], SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }
        finally
        {
            block?.Dispose();
        }
    }
}
