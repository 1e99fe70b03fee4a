using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FastKube.Api.Discovery;

namespace FastKube.Proxy.Tracking;

/// <summary>
/// EndpointSlices → endpoints per service port, merged across all slices of a Service (found by the
/// <c>kubernetes.io/service-name</c> label). Handlers queue slices from any thread; <see cref="Checkout"/>
/// recomputes only the Services whose slices changed and returns the service ports whose endpoint lists
/// differ, the endpoints that went away (for stale UDP flows) and the slices' change-trigger times.
/// </summary>
internal sealed class EndpointSliceChangeTracker
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>Set by the EndpointSlice controller to when the change that caused this slice update happened.</summary>
    public const string TriggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time";

    private readonly Lock _gate = new();
    private Dictionary<(string Service, string Slice), EndpointSlice?> _pending = [];
    private List<DateTimeOffset> _pendingTriggers = [];
    private readonly Dictionary<string, Dictionary<string, EndpointSlice>> _slices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ServicePortName>> _portsByService = new(StringComparer.Ordinal);
    private readonly Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> _current = [];

    public IReadOnlyDictionary<ServicePortName, IReadOnlyList<EndpointInfo>> Current => _current;

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

    public void Update(EndpointSlice slice) => Queue(slice, slice);

    public void Delete(EndpointSlice slice) => Queue(slice, null);

    public EndpointChanges Checkout()
    {
        Dictionary<(string Service, string Slice), EndpointSlice?> pending;
        List<DateTimeOffset> triggers;
        lock (_gate)
        {
            (pending, _pending) = (_pending, []);
            (triggers, _pendingTriggers) = (_pendingTriggers, []);
        }

        var services = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ((service, name), slice) in pending)
        {
            services.Add(service);
            if (slice is null)
            {
                if (_slices.TryGetValue(service, out var byName) && byName.Remove(name) && byName.Count == 0)
                {
                    _slices.Remove(service);
                }
            }
            else
            {
                (_slices.TryGetValue(service, out var byName) ? byName : _slices[service] = new(StringComparer.Ordinal))[name] = slice;
            }
        }

        var changes = new EndpointChanges(triggers);
        foreach (var service in services)
        {
            var next = _slices.TryGetValue(service, out var slices) ? Merge(slices.Values) : [];
            if (_portsByService.Remove(service, out var previous))
            {
                foreach (var name in previous.Where(p => !next.ContainsKey(p)))
                {
                    changes.Changed.Add(name);
                    _current.Remove(name, out var gone);
                    changes.Removed.AddRange(gone!.Select(e => (name, e)));
                }
            }

            foreach (var (name, endpoints) in next)
            {
                var old = _current.GetValueOrDefault(name) ?? [];
                if (!old.SequenceEqual(endpoints))
                {
                    changes.Changed.Add(name);
                    changes.Removed.AddRange(old.Where(e => !endpoints.Any(n => n.Address.Equals(e.Address) && n.Port == e.Port)).Select(e => (name, e)));
                    _current[name] = endpoints;
                }
            }

            if (next.Count > 0)
            {
                _portsByService[service] = [.. next.Keys];
            }
        }

        return changes;
    }

    private void Queue(EndpointSlice slice, EndpointSlice? state)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (slice.Metadata?.Labels?.GetValueOrDefault(ServiceNameLabel) is not { Length: > 0 } service)
        {
            return;
        }

        var key = (slice.Metadata.Namespace + "/" + service, slice.Metadata.Name ?? "");
        lock (_gate)
        {
            _pending[key] = state;
            if (state?.Metadata?.Annotations?.GetValueOrDefault(TriggerTimeAnnotation) is { } text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var trigger))
            {
                _pendingTriggers.Add(trigger);
            }
        }
    }

    /// <summary>
    /// The endpoints of every port of one Service's slices, deduplicated by address and port (a pod moving
    /// between slices shows up in both for a moment; upstream keeps the first) and sorted by address so the
    /// rules do not change with slice order.
    /// </summary>
    private static Dictionary<ServicePortName, IReadOnlyList<EndpointInfo>> Merge(IEnumerable<EndpointSlice> slices)
    {
        var merged = new Dictionary<ServicePortName, Dictionary<(IPAddress, ushort), EndpointInfo>>();
        foreach (var slice in slices.OrderBy(s => s.Metadata?.Name, StringComparer.Ordinal))
        {
            if (slice.AddressType != AddressTypes.IPv4)
            {
                continue;
            }

            string ns = slice.Metadata?.Namespace ?? "";
            string service = slice.Metadata?.Labels?.GetValueOrDefault(ServiceNameLabel) ?? "";
            foreach (var port in slice.Ports ?? [])
            {
                if (ServicePortName.ParseProtocol(port.Protocol) is not { } protocol || port.Port is not (> 0 and <= 65535))
                {
                    continue;
                }

                var name = new ServicePortName(ns, service, port.Name ?? "", protocol);
                var endpoints = merged.TryGetValue(name, out var existing) ? existing : merged[name] = [];
                foreach (var endpoint in slice.Endpoints ?? [])
                {
                    bool ready = endpoint.Conditions?.Ready ?? true;
                    foreach (var text in endpoint.Addresses ?? [])
                    {
                        if (IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
                        {
                            endpoints.TryAdd((address, (ushort)port.Port.Value), new EndpointInfo(
                                address,
                                (ushort)port.Port.Value,
                                ready,
                                endpoint.Conditions?.Serving ?? ready,
                                endpoint.Conditions?.Terminating ?? false,
                                endpoint.NodeName,
                                endpoint.Zone));
                        }
                    }
                }
            }
        }

        return merged.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<EndpointInfo>)p.Value.Values.OrderBy(e => e.Address.GetAddressBytes(), ByteOrder.Instance).ThenBy(e => e.Port).ToList());
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}

/// <summary>The result of one <see cref="EndpointSliceChangeTracker.Checkout"/>.</summary>
internal sealed record EndpointChanges(List<DateTimeOffset> TriggerTimes)
{
    public HashSet<ServicePortName> Changed { get; } = [];

    /// <summary>Endpoints no longer present for a service port (UDP flows to them must be flushed).</summary>
    public List<(ServicePortName Port, EndpointInfo Endpoint)> Removed { get; } = [];
}
