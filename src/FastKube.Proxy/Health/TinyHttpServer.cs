using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FastKube.Proxy.Health;

/// <summary>A response of <see cref="TinyHttpServer"/>.</summary>
internal sealed record HttpReply(int Status, string ContentType, string Body, IReadOnlyList<(string Name, string Value)>? Headers = null);

/// <summary>
/// A minimal HTTP/1.x responder for the proxy's three kinds of endpoints (/metrics, /healthz and one per
/// health-check node port): read the request head, answer, close. The health-check servers come and go with
/// Services, so each is a socket and a task rather than a web host. Requests are small; a head over 8 KiB is
/// refused.
/// </summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 8192;

    private readonly Socket _listener;
    private readonly Func<string, HttpReply> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    private TinyHttpServer(Socket listener, Func<string, HttpReply> handler)
    {
        _listener = listener;
        _handler = handler;
        _accept = Task.Run(AcceptAsync);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Listens on <paramref name="endpoint"/> (port 0: any free port); <paramref name="handler"/> gets the request path.</summary>
    public static TinyHttpServer Start(IPEndPoint endpoint, Func<string, HttpReply> handler)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(64);
            return new TinyHttpServer(socket, handler);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accept.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                var buffer = new byte[MaxHeadBytes];
                int length = 0;
                while (length < buffer.Length && buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
                {
                    int read = await connection.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    length += read;
                }

                var requestLine = Encoding.ASCII.GetString(buffer, 0, Math.Max(0, buffer.AsSpan(0, length).IndexOf("\r\n"u8)));
                var parts = requestLine.Split(' ');
                var reply = parts.Length == 3 && parts[0] is "GET" or "HEAD"
                    ? _handler(parts[1].Split('?')[0])
                    : new HttpReply(405, "text/plain; charset=utf-8", "only GET\n");
                await connection.SendAsync(Encode(reply, parts[0] == "HEAD"), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Client gone or too slow.
            }
        }
    }

    private static byte[] Encode(HttpReply reply, bool headOnly)
    {
        var body = Encoding.UTF8.GetBytes(reply.Body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(reply.Status).Append(reply.Status switch { 200 => " OK", 404 => " Not Found", 405 => " Method Not Allowed", _ => " Service Unavailable" }).Append("\r\n")
            .Append("Content-Type: ").Append(reply.ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append("X-Content-Type-Options: nosniff\r\nConnection: close\r\n");
        foreach (var (name, value) in reply.Headers ?? [])
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        return headOnly ? headBytes : [.. headBytes, .. body];
    }
}
