using System.Net;
using Microsoft.Extensions.Logging;

namespace FastKube.Proxy.Health;

/// <summary>
/// One HTTP server per <c>spec.healthCheckNodePort</c> of the externalTrafficPolicy: Local LoadBalancer
/// services, so a cloud load balancer sends traffic only to nodes with a local endpoint: 200 with the count
/// while this node has one, 503 when it has none (upstream's service health server, same JSON and the
/// <c>X-Load-Balancing-Endpoint-Weight</c> header). Servers start and stop as the services change.
/// </summary>
internal sealed class HealthCheckNodePorts(IPAddress bindAddress, ILogger logger) : IAsyncDisposable
{
    private readonly Dictionary<int, TinyHttpServer> _servers = [];
    private volatile Dictionary<int, (string Namespace, string Name, int LocalEndpoints)> _state = [];

    /// <summary>Makes the servers match <paramref name="wanted"/> (port → service and its local endpoint count).</summary>
    public async Task UpdateAsync(Dictionary<int, (string Namespace, string Name, int LocalEndpoints)> wanted)
    {
        _state = wanted;
        foreach (var port in _servers.Keys.Where(p => !wanted.ContainsKey(p)).ToList())
        {
            await _servers[port].DisposeAsync().ConfigureAwait(false);
            _servers.Remove(port);
        }

        foreach (var (port, service) in wanted)
        {
            if (_servers.ContainsKey(port))
            {
                continue;
            }

            try
            {
                _servers[port] = TinyHttpServer.Start(new IPEndPoint(bindAddress, port), _ => Reply(port));
            }
            catch (System.Net.Sockets.SocketException exception)
            {
                ProxyLog.HealthCheckListenFailed(logger, port, service.Namespace + "/" + service.Name, exception);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _servers.Clear();
    }

    private HttpReply Reply(int port)
    {
        if (!_state.TryGetValue(port, out var service))
        {
            return new HttpReply(503, "application/json", "{}");
        }

        var body = $$"""{"service":{"namespace":"{{service.Namespace}}","name":"{{service.Name}}"},"localEndpoints":{{service.LocalEndpoints}},"serviceProxyHealthy":true}""";
        return new HttpReply(service.LocalEndpoints > 0 ? 200 : 503, "application/json", body, [("X-Load-Balancing-Endpoint-Weight", service.LocalEndpoints.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }
}
