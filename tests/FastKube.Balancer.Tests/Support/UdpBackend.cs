using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FastKube.Balancer.Tests.Support;

/// <summary>A loopback UDP backend answering each datagram with "NAME:payload", so a reply shows who served it.</summary>
internal sealed class UdpBackend : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public UdpBackend(string name)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _ = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            var prefix = Encoding.ASCII.GetBytes(name + ":");
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0));
                    await _socket.SendToAsync(prefix.Concat(buffer.Take(result.ReceivedBytes)).ToArray(), SocketFlags.None, result.RemoteEndPoint);
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Disposed.
            }
        });
    }

    public IPEndPoint EndPoint { get; }

    public void Dispose() => _socket.Dispose();

    public static async Task<string> AskAsync(Socket client, IPEndPoint frontend, string payload)
    {
        await client.SendToAsync(Encoding.ASCII.GetBytes(payload), SocketFlags.None, frontend);
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, received);
    }

    public static Socket Client()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
