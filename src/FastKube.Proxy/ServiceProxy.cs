using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Client;
using FastKube.Client.Informers;
using FastKube.Dataplane.Kernel.Conntrack;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Proxy.Configuration;
using FastKube.Proxy.Health;
using FastKube.Proxy.Metrics;
using FastKube.Proxy.Rules;
using FastKube.Proxy.Sync;
using Microsoft.Extensions.Logging;

namespace FastKube.Proxy;

/// <summary>
/// The service proxy of one node, nftables mode: watches Services and EndpointSlices (through its own
/// <see cref="SharedInformerFactory"/> over every namespace, so the host need not share one), programs the
/// <c>ip fastkube</c> table through <see cref="INfTables"/>, paced by minSyncPeriod/syncPeriod, and serves
/// /metrics, /healthz and the health-check node ports. The first sync, after both caches have synced, deletes
/// and recreates the table (adopting whatever an earlier run left).
/// </summary>
public sealed class ServiceProxy : IAsyncDisposable
{
    private readonly SharedInformerFactory _informers;
    private readonly SyncRunner _runner;
    private readonly NftablesProxier _proxier;
    private readonly ProxyHealth _health;
    private readonly ProxyMetrics _metrics;
    private readonly HealthCheckNodePorts _healthChecks;
    private readonly TinyHttpServer? _metricsServer;
    private readonly TinyHttpServer? _healthzServer;
    private readonly CancellationTokenSource _stop = new();

    private ServiceProxy(SharedInformerFactory informers, NftablesProxier proxier, KubeProxyConfiguration config, ILogger logger, TimeProvider time)
    {
        _informers = informers;
        _proxier = proxier;
        _health = new ProxyHealth(time, 2 * config.SyncPeriod);
        _metrics = new ProxyMetrics(time);
        _healthChecks = new HealthCheckNodePorts(config.BindAddress, logger);
        _runner = new SyncRunner(() => SyncOnce(logger), config.MinSyncPeriod, config.SyncPeriod, time);
        try
        {
            _metricsServer = Serve(config.MetricsBindAddress, path => path == "/metrics"
                ? new HttpReply(200, "text/plain; version=0.0.4; charset=utf-8", _metrics.Render())
                : NotFound());
            _healthzServer = Serve(config.HealthzBindAddress, path => path is "/healthz" or "/livez" ? _health.Reply() : NotFound());
        }
        catch
        {
            _metricsServer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Where /metrics listens (the bound port when the configuration asked for port 0); null when disabled.</summary>
    public IPEndPoint? MetricsEndPoint => _metricsServer?.LocalEndPoint;

    /// <summary>Where /healthz listens; null when disabled.</summary>
    public IPEndPoint? HealthzEndPoint => _healthzServer?.LocalEndPoint;

    /// <summary>Syncs run so far (successful or not).</summary>
    public int SyncCount => _runner.Syncs;

    /// <summary>
    /// Starts the proxy: informers, first sync once both caches are synced, servers. <paramref name="nf"/> and
    /// <paramref name="conntrack"/> stay owned by the caller (open them in the node's network namespace).
    /// </summary>
    public static async Task<ServiceProxy> StartAsync(
        KubeClient client,
        KubeProxyConfiguration config,
        INfTables nf,
        IConntrack conntrack,
        ILoggerFactory logs,
        TimeProvider? time,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(nf);
        ArgumentNullException.ThrowIfNull(conntrack);
        ArgumentNullException.ThrowIfNull(logs);
        time ??= TimeProvider.System;
        var logger = logs.CreateLogger("FastKube.Proxy");
        var context = new RuleContext(config.NodeName, config.MasqueradeMark)
        {
            ClusterCidrs = config.ClusterCidrs.Where(c => c.BaseAddress.AddressFamily == AddressFamily.InterNetwork).ToList(),
            MasqueradeAll = config.Nftables.MasqueradeAll,
            NodePortIps = await NodePortAddressesAsync(client, config, ct).ConfigureAwait(false),
        };
        var proxier = new NftablesProxier(context, nf, conntrack, config.SyncPeriod, logger, time);
        var informers = new SharedInformerFactory(client, new InformerOptions { TimeProvider = time, LoggerFactory = logs });
        var proxy = new ServiceProxy(informers, proxier, config, logger, time);
        try
        {
            var services = informers.GetInformer<Service>().AddEventHandler(new ResourceEventHandler<Service>
            {
                Added = (s, _) => proxy.Queue(() => proxier.Services.Update(s)),
                Updated = (_, s) => proxy.Queue(() => proxier.Services.Update(s)),
                Deleted = (s, _) => proxy.Queue(() => proxier.Services.Delete(s)),
            });
            var slices = informers.GetInformer<EndpointSlice>().AddEventHandler(new ResourceEventHandler<EndpointSlice>
            {
                Added = (s, _) => proxy.Queue(() => proxier.Endpoints.Update(s)),
                Updated = (_, s) => proxy.Queue(() => proxier.Endpoints.Update(s)),
                Deleted = (s, _) => proxy.Queue(() => proxier.Endpoints.Delete(s)),
            });
            informers.Start(proxy._stop.Token);
            await informers.WaitForCacheSyncAsync(ct).ConfigureAwait(false);
            while (!services.HasSynced || !slices.HasSynced)
            {
                await Task.Delay(10, ct).ConfigureAwait(false);
            }

            if (config.Mode == ProxyMode.Iptables)
            {
                ProxyLog.IptablesIsNftables(logger);
            }

            ProxyLog.Started(logger, config.Mode == ProxyMode.Iptables ? "iptables" : "nftables", ProxyTable.Table.ToString(), context.NodeName);
            proxy._runner.Start();
            proxy._runner.Request();
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Removes the proxy's table (<c>fastkube agent --cleanup</c>); null when it is gone or was never there.</summary>
    public static NfError? Cleanup(INfTables nf, ILogger? logger = null)
    {
        var error = NftablesProxier.Cleanup(nf);
        if (error is null && logger is not null)
        {
            ProxyLog.CleanedUp(logger, ProxyTable.Table.ToString());
        }

        return error;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _runner.DisposeAsync().ConfigureAwait(false);
        await _informers.DisposeAsync().ConfigureAwait(false);
        await _healthChecks.DisposeAsync().ConfigureAwait(false);
        if (_metricsServer is not null)
        {
            await _metricsServer.DisposeAsync().ConfigureAwait(false);
        }

        if (_healthzServer is not null)
        {
            await _healthzServer.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private void Queue(Action change)
    {
        change();
        _health.QueuedUpdate();
        _metrics.Queued();
        _runner.Request();
    }

    private bool SyncOnce(ILogger logger)
    {
        SyncOutcome outcome;
        try
        {
            outcome = _proxier.Sync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            ProxyLog.SyncThrew(logger, exception);
            outcome = new SyncOutcome(true, false, TimeSpan.Zero, 0, 0) { Error = exception.Message };
        }

        _metrics.Record(outcome, _proxier.RuleCount, _proxier.ElementCounts);
        if (!outcome.Succeeded)
        {
            return false;
        }

        _health.Updated();
        var wanted = new Dictionary<int, (string, string, int)>();
        foreach (var (name, info) in _proxier.Services.Current)
        {
            if (info.HealthCheckNodePort != 0)
            {
                int local = EndpointSelection.LocalCount(_proxier.Endpoints.Current.GetValueOrDefault(name) ?? [], _proxier.Context.NodeName);
                wanted[info.HealthCheckNodePort] = (name.Namespace, name.Name, Math.Max(local, wanted.GetValueOrDefault(info.HealthCheckNodePort).Item3));
            }
        }

        _healthChecks.UpdateAsync(wanted).GetAwaiter().GetResult();
        return true;
    }

    /// <summary>
    /// nodePortAddresses resolved to this node's IPv4 addresses: unset → null (every local address, through
    /// <c>fib daddr type local</c>); CIDRs → the host's interface addresses inside them; <c>primary</c> → the
    /// InternalIP addresses of this node's Node object. Resolved once at start, as upstream does.
    /// </summary>
    private static async Task<IReadOnlyList<IPAddress>?> NodePortAddressesAsync(KubeClient client, KubeProxyConfiguration config, CancellationToken ct)
    {
        if (config.NodePortPrimary)
        {
            var node = await client.Resource<Node>().TryGetAsync(null, config.NodeName, ct).ConfigureAwait(false);
            return (node?.Status?.Addresses ?? [])
                .Where(a => a.Type == "InternalIP")
                .Select(a => IPAddress.TryParse(a.Address, out var ip) ? ip : null)
                .OfType<IPAddress>()
                .Where(ip => ip.AddressFamily == AddressFamily.InterNetwork)
                .ToList();
        }

        if (config.NodePortAddresses.Count == 0)
        {
            return null;
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && config.NodePortAddresses.Any(n => n.Contains(a)))
            .Distinct()
            .ToList();
    }

    private static TinyHttpServer? Serve(string bindAddress, Func<string, HttpReply> handler) =>
        bindAddress.Length == 0 ? null : TinyHttpServer.Start(IPEndPoint.Parse(bindAddress), handler);

    private static HttpReply NotFound() => new(404, "text/plain; charset=utf-8", "404 page not found\n");
}
