using FastKube.Dataplane.Kernel.Conntrack;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Proxy.Rules;
using FastKube.Proxy.Tracking;
using Microsoft.Extensions.Logging;

namespace FastKube.Proxy.Sync;

/// <summary>
/// The sync step of the nftables mode: checks out both change trackers, builds the rules of the service ports
/// that changed (all of them on a full sync) and applies one transaction. The first sync, the one after any
/// failure, and one every <c>syncPeriod</c> are full; the rest touch only changed services. After a
/// successful sync, UDP flows that would keep going to a removed endpoint (or stay blackholed while a service
/// had none) are deleted from conntrack. Not thread-safe: the sync runner calls it from one task.
/// </summary>
internal sealed class NftablesProxier
{
    private readonly INfTables _nf;
    private readonly IConntrack _conntrack;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _syncPeriod;
    private readonly Dictionary<ServicePortName, ServiceRules> _applied = [];
    private readonly Dictionary<ServicePortName, ServicePortInfo> _appliedInfo = [];
    private bool _recreate = true;
    private bool _failed;
    private long _lastFull;

    public NftablesProxier(RuleContext context, INfTables nf, IConntrack conntrack, TimeSpan syncPeriod, ILogger logger, TimeProvider time)
    {
        Context = context;
        _nf = nf;
        _conntrack = conntrack;
        _syncPeriod = syncPeriod;
        _logger = logger;
        _time = time;
    }

    public ServiceChangeTracker Services { get; } = new();

    public EndpointSliceChangeTracker Endpoints { get; } = new();

    public RuleContext Context { get; }

    /// <summary>Rules in the table after the last successful sync (service rules plus the fixed skeleton).</summary>
    public int RuleCount { get; private set; }

    /// <summary>Elements of each dispatch map after the last successful sync.</summary>
    public IReadOnlyDictionary<string, int> ElementCounts { get; private set; } = new Dictionary<string, int>();

    /// <summary>Removes the proxy's table (agent <c>--cleanup</c>); null when it was absent or is gone.</summary>
    public static NfError? Cleanup(INfTables nf)
    {
        ArgumentNullException.ThrowIfNull(nf);
        return nf.ListTables().Contains(ProxyTable.Table) ? nf.Apply(new NfTransaction(ProxyTable.Table).DeleteTable()) : null;
    }

    public SyncOutcome Sync()
    {
        long start = _time.GetTimestamp();
        var changed = Services.Checkout();
        var endpointChanges = Endpoints.Checkout();
        changed.UnionWith(endpointChanges.Changed);
        bool full = _recreate || _failed || _time.GetElapsedTime(_lastFull) >= _syncPeriod;

        var next = new Dictionary<ServicePortName, ServiceRules>();
        foreach (var name in full ? Services.Current.Keys : changed)
        {
            next[name] = Services.Current.TryGetValue(name, out var info)
                ? ServiceShape.Build(name, info, Endpoints.Current.GetValueOrDefault(name) ?? [], Context)
                : ServiceRules.Empty;
        }

        NfTransaction? tx;
        if (full)
        {
            var ordered = next.OrderBy(p => p.Key).Select(p => p.Value).ToList();
            tx = RuleBuilder.Full(Context, ordered, _recreate ? null : _applied.Values);
        }
        else
        {
            tx = RuleBuilder.Partial(next.Select(p => (_applied.GetValueOrDefault(p.Key) ?? ServiceRules.Empty, p.Value)).ToList());
        }

        var error = tx is null ? null : _nf.Apply(tx);
        var duration = _time.GetElapsedTime(start);
        string kind = full ? "full" : "partial";
        if (error is not null)
        {
            _failed = true;
            _recreate = true;
            ProxyLog.SyncFailed(_logger, kind, error.Message);
            return new SyncOutcome(full, false, duration, next.Count, tx!.Count) { Error = error.Message };
        }

        var previousInfo = new Dictionary<ServicePortName, (ServicePortInfo? Info, bool HadEndpoints)>();
        foreach (var name in next.Keys)
        {
            previousInfo[name] = (_appliedInfo.GetValueOrDefault(name), HasEndpoints(_applied.GetValueOrDefault(name)));
        }

        Commit(next, full);
        ClearStaleUdp(previousInfo, endpointChanges);
        ProxyLog.Synced(_logger, kind, next.Count, tx?.Count ?? 0, duration.TotalMilliseconds);
        return new SyncOutcome(full, true, duration, next.Count, tx?.Count ?? 0) { TriggerTimes = endpointChanges.TriggerTimes };
    }

    private void Commit(Dictionary<ServicePortName, ServiceRules> next, bool full)
    {
        if (full)
        {
            _applied.Clear();
            _appliedInfo.Clear();
            _lastFull = _time.GetTimestamp();
        }

        foreach (var (name, rules) in next)
        {
            if (Services.Current.TryGetValue(name, out var info))
            {
                _applied[name] = rules;
                _appliedInfo[name] = info;
            }
            else
            {
                _applied.Remove(name);
                _appliedInfo.Remove(name);
            }
        }

        _recreate = false;
        _failed = false;

        // Skeleton: 6 base chains + services(2) + endpoints-check(2) + mark/masquerade(2) + reject(2) = 14 rules.
        RuleCount = 14 + _applied.Values.Sum(r => r.Rules.Count);
        ElementCounts = ProxyTable.DispatchMaps.ToDictionary(
            m => m,
            m => _applied.Values.Sum(r => r.Elements.Count(e => e.Map == m)),
            StringComparer.Ordinal);
    }

    private static bool HasEndpoints(ServiceRules? rules) => rules?.Elements.Any(e => e.Map == ProxyTable.ServiceIps) == true;

    /// <summary>
    /// UDP has no connection end: a flow DNATed to a removed endpoint, or a flow that hit the service while
    /// it had no endpoints, lives in conntrack until its timeout and keeps bypassing the new rules (upstream's
    /// conntrack cleanup on endpoint and service changes).
    /// </summary>
    private void ClearStaleUdp(Dictionary<ServicePortName, (ServicePortInfo? Info, bool HadEndpoints)> previous, EndpointChanges changes)
    {
        foreach (var (name, endpoint) in changes.Removed)
        {
            if (name.Protocol != Dataplane.Kernel.NfTables.NfValue.Udp)
            {
                continue;
            }

            var info = Services.Current.GetValueOrDefault(name) ?? previous.GetValueOrDefault(name).Info;
            if (info is null)
            {
                Delete(new ConntrackFilter(Protocol: name.Protocol, ReplySource: endpoint.Address));
                continue;
            }

            foreach (var address in Destinations(info))
            {
                Delete(new ConntrackFilter(address, name.Protocol, info.Port, endpoint.Address));
            }

            if (info.NodePort != 0)
            {
                Delete(new ConntrackFilter(Protocol: name.Protocol, OriginalDestinationPort: info.NodePort, ReplySource: endpoint.Address));
            }
        }

        foreach (var (name, (_, hadEndpoints)) in previous)
        {
            if (name.Protocol == Dataplane.Kernel.NfTables.NfValue.Udp && !hadEndpoints && HasEndpoints(_applied.GetValueOrDefault(name))
                && Services.Current.TryGetValue(name, out var info))
            {
                foreach (var address in Destinations(info))
                {
                    Delete(new ConntrackFilter(address, name.Protocol, info.Port));
                }
            }
        }
    }

    private static IEnumerable<System.Net.IPAddress> Destinations(ServicePortInfo info) =>
        info.ExternalIps.Concat(info.LoadBalancerIps).Prepend(info.ClusterIp);

    private void Delete(ConntrackFilter filter)
    {
        try
        {
            _conntrack.Delete(filter);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            ProxyLog.ConntrackFailed(_logger, filter.ToString(), exception);
        }
    }
}
