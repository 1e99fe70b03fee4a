using FastKube.Client;
using FastKube.Dataplane.Kernel.Conntrack;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Proxy;
using FastKube.Proxy.Configuration;
using Microsoft.Extensions.Logging;

namespace FastKube.Agent;

/// <summary>
/// The agent's service proxy on this host's kernel: nf_tables and conntrack over netlink sockets the agent
/// owns for the proxy's lifetime (the proxy itself leaves them to its caller).
/// </summary>
internal sealed class NodeProxy : IAsyncDisposable
{
    private readonly NetlinkNfTables _nf;
    private readonly NetlinkConntrack _conntrack;
    private readonly ServiceProxy _proxy;

    private NodeProxy(NetlinkNfTables nf, NetlinkConntrack conntrack, ServiceProxy proxy)
    {
        _nf = nf;
        _conntrack = conntrack;
        _proxy = proxy;
    }

    public static async Task<NodeProxy> StartAsync(KubeClient client, KubeProxyConfiguration config, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var nf = NetlinkNfTables.Open();
        var conntrack = NetlinkConntrack.Open();
        try
        {
            var proxy = await ServiceProxy.StartAsync(client, config, nf, conntrack, logs, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return new NodeProxy(nf, conntrack, proxy);
        }
        catch
        {
            nf.Dispose();
            conntrack.Dispose();
            throw;
        }
    }

    /// <summary><c>fastkube agent --cleanup</c>: removes the proxy's table from the kernel; null on success, else the kernel's error.</summary>
    public static string? Cleanup(ILogger logger)
    {
        using var nf = NetlinkNfTables.Open();
        return ServiceProxy.Cleanup(nf, logger)?.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync().ConfigureAwait(false);
        _nf.Dispose();
        _conntrack.Dispose();
    }
}
