using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FastKube.Balancer.Tests.Support;

internal static class Clients
{
    public static async Task<Socket> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint);
        return socket;
    }

    public static async Task<string> RoundTripAsync(Socket socket, string message)
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(message), SocketFlags.None);
        return await ReadExactlyAsync(socket, message.Length);
    }

    public static async Task<string> ReadExactlyAsync(Socket socket, int length)
    {
        var buffer = new byte[length];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (read < length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                throw new EndOfStreamException($"EOF after {read} of {length} bytes");
            }

            read += n;
        }

        return Encoding.ASCII.GetString(buffer);
    }

    /// <summary>Reads until EOF or reset; returns what arrived and whether the end was a reset.</summary>
    public static async Task<(string Data, bool Reset)> ReadToEndAsync(Socket socket)
    {
        var data = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (n == 0)
                {
                    return (Encoding.ASCII.GetString(data.ToArray()), false);
                }

                data.Write(buffer, 0, n);
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            return (Encoding.ASCII.GetString(data.ToArray()), true);
        }
    }

    /// <summary>Connects and reads to the end; a reset that races the handshake (the proxy refused at once) counts as an empty end.</summary>
    public static async Task<string> RefusedOrEmptyAsync(IPEndPoint endpoint)
    {
        Socket socket;
        try
        {
            socket = await ConnectAsync(endpoint);
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
        {
            return "";
        }

        using (socket)
        {
            return (await ReadToEndAsync(socket)).Data;
        }
    }
}
