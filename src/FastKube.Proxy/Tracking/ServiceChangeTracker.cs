using System.Net;
using System.Net.Sockets;
using FastKube.Api.Core;

namespace FastKube.Proxy.Tracking;

/// <summary>
/// Services → per-port state. Informer handlers call <see cref="Update"/>/<see cref="Delete"/> from any
/// thread (only the latest object per Service is kept); the sync calls <see cref="Checkout"/>, which folds the
/// pending changes into <see cref="Current"/> and returns the service ports whose state really changed.
/// IPv4 only: the table is <c>ip fastkube</c>.
/// </summary>
internal sealed class ServiceChangeTracker
{
    private const int DefaultAffinitySeconds = 10800;

    private readonly Lock _gate = new();
    private Dictionary<string, Service?> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ServicePortName>> _portsByService = new(StringComparer.Ordinal);
    private readonly Dictionary<ServicePortName, ServicePortInfo> _current = [];

    public IReadOnlyDictionary<ServicePortName, ServicePortInfo> Current => _current;

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public void Update(Service service) => Queue(service, service);

    public void Delete(Service service) => Queue(service, null);

    /// <summary>Applies the pending changes; returns the service ports added, removed or changed.</summary>
    public HashSet<ServicePortName> Checkout()
    {
        Dictionary<string, Service?> pending;
        lock (_gate)
        {
            pending = _pending;
            _pending = new(StringComparer.Ordinal);
        }

        var changed = new HashSet<ServicePortName>();
        foreach (var (key, service) in pending)
        {
            var next = service is null ? [] : Ports(service);
            if (_portsByService.Remove(key, out var previous))
            {
                foreach (var name in previous.Where(p => !next.ContainsKey(p)))
                {
                    _current.Remove(name);
                    changed.Add(name);
                }
            }

            foreach (var (name, info) in next)
            {
                if (!_current.TryGetValue(name, out var old) || !old.Equals(info))
                {
                    _current[name] = info;
                    changed.Add(name);
                }
            }

            if (next.Count > 0)
            {
                _portsByService[key] = [.. next.Keys];
            }
        }

        return changed;
    }

    private void Queue(Service service, Service? state)
    {
        ArgumentNullException.ThrowIfNull(service);
        string key = service.Metadata?.Namespace + "/" + service.Metadata?.Name;
        lock (_gate)
        {
            _pending[key] = state;
        }
    }

    /// <summary>The proxied ports of a Service: none for headless and ExternalName services or without an IPv4 ClusterIP.</summary>
    internal static Dictionary<ServicePortName, ServicePortInfo> Ports(Service service)
    {
        var ports = new Dictionary<ServicePortName, ServicePortInfo>();
        var spec = service.Spec;
        if (spec is null || spec.Type == ServiceTypes.ExternalName || !IPAddress.TryParse(spec.ClusterIP, out var clusterIp)
            || clusterIp.AddressFamily != AddressFamily.InterNetwork)
        {
            return ports;
        }

        bool external = spec.Type is ServiceTypes.NodePort or ServiceTypes.LoadBalancer || spec.ExternalIPs is { Count: > 0 };
        bool externalLocal = external && spec.ExternalTrafficPolicy == "Local";
        var template = new ServicePortInfo(clusterIp, 0, 0)
        {
            ExternalIps = V4(spec.ExternalIPs),
            LoadBalancerIps = spec.Type == ServiceTypes.LoadBalancer
                ? V4(service.Status?.LoadBalancer?.Ingress?.Where(i => i.IPMode != "Proxy").Select(i => i.IP))
                : [],
            AffinityTimeout = spec.SessionAffinity == "ClientIP"
                ? TimeSpan.FromSeconds(spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds ?? DefaultAffinitySeconds)
                : null,
            ExternalPolicyLocal = externalLocal,
            InternalPolicyLocal = spec.InternalTrafficPolicy == "Local",
            HealthCheckNodePort = externalLocal && spec.Type == ServiceTypes.LoadBalancer ? (ushort)(spec.HealthCheckNodePort ?? 0) : (ushort)0,
        };
        foreach (var port in spec.Ports ?? [])
        {
            if (ServicePortName.ParseProtocol(port.Protocol) is not { } protocol || port.Port is not (> 0 and <= 65535))
            {
                continue;
            }

            var name = new ServicePortName(service.Metadata?.Namespace ?? "", service.Metadata?.Name ?? "", port.Name ?? "", protocol);
            ushort nodePort = spec.Type is ServiceTypes.NodePort or ServiceTypes.LoadBalancer && port.NodePort is > 0 and <= 65535 ? (ushort)port.NodePort.Value : (ushort)0;
            ports[name] = template with { Port = (ushort)port.Port.Value, NodePort = nodePort };
        }

        return ports;
    }

    private static List<IPAddress> V4(IEnumerable<string?>? addresses) =>
        (addresses ?? [])
            .Select(a => IPAddress.TryParse(a, out var ip) ? ip : null)
            .OfType<IPAddress>()
            .Where(ip => ip.AddressFamily == AddressFamily.InterNetwork)
            .Distinct()
            .ToList();
}
