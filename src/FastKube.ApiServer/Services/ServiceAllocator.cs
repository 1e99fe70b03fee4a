using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Validation;
using FastKube.ApiServer.Http;

namespace FastKube.ApiServer.Services;

/// <summary>
/// Service ClusterIPs from the service CIDR (kube-apiserver's <c>--service-cluster-ip-range</c>) and node
/// ports from the node-port range (<c>--service-node-port-range</c>), as upstream's service REST allocators:
/// requested values are checked and taken, empty ones are handed out, and what an update or delete stops
/// using is released once the write succeeded. The bitmaps live in memory and are rebuilt from the stored
/// Services at startup (<see cref="Load"/>); every allocation goes through one lock, so concurrent creates
/// never share an address or a port. The network and broadcast addresses are never handed out; the first
/// address is the <c>kubernetes</c> Service's.
/// </summary>
internal sealed class ServiceAllocator
{
    private static readonly FieldPath ClusterIPsPath = FieldPath.Root("spec").Child("clusterIPs");

    private readonly Lock _gate = new();
    private readonly IPNetwork _cidr;
    private readonly uint _first;
    private readonly RangeAllocator _ips;
    private readonly RangeAllocator _ports;

    public ServiceAllocator(IPNetwork cidr, PortRange nodePorts)
    {
        if (cidr.BaseAddress.AddressFamily != AddressFamily.InterNetwork || cidr.PrefixLength is < 1 or > 30)
        {
            throw new ArgumentException($"service CIDR {cidr} must be IPv4 with a prefix of /1 to /30", nameof(cidr));
        }

        _cidr = cidr;
        _first = ToUInt32(cidr.BaseAddress) + 1;
        _ips = new RangeAllocator((int)Math.Min((1L << (32 - cidr.PrefixLength)) - 2, int.MaxValue));
        NodePorts = nodePorts;
        _ports = new RangeAllocator(nodePorts.Size);
    }

    public PortRange NodePorts { get; }

    /// <summary>The first address of the range, the <c>kubernetes</c> Service's ClusterIP.</summary>
    public IPAddress KubernetesServiceIP => FromUInt32(_first);

    /// <summary>What one allocation took, to give back if the write does not happen.</summary>
    public sealed class Reservation
    {
        internal List<int> Ips { get; } = [];

        internal List<int> Ports { get; } = [];
    }

    /// <summary>Marks what the stored Services use (startup).</summary>
    public void Load(IEnumerable<Service> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        lock (_gate)
        {
            foreach (var service in services)
            {
                foreach (var offset in IpOffsets(service))
                {
                    _ips.Allocate(offset);
                }

                foreach (var offset in PortOffsets(service))
                {
                    _ports.Allocate(offset);
                }
            }
        }
    }

    /// <summary>
    /// Fills in and takes <paramref name="next"/>'s ClusterIP and node ports (<paramref name="old"/>: its stored
    /// version on update). A Status when a requested value is taken or outside its range, or a range is full.
    /// With <paramref name="dryRun"/> nothing stays taken.
    /// </summary>
    public Status? Allocate(Service next, Service? old, bool dryRun, out Reservation reservation)
    {
        ArgumentNullException.ThrowIfNull(next);
        reservation = new Reservation();
        var spec = next.Spec ??= new ServiceSpec();
        var errors = new FieldErrorList();
        Status? failure;
        lock (_gate)
        {
            failure = AllocateIP(spec, old?.Spec, reservation, errors) ?? AllocatePorts(spec, old?.Spec, reservation, errors);
            if (failure is not null || !errors.IsEmpty || dryRun)
            {
                ReleaseLocked(reservation);
            }
        }

        if (failure is null && !errors.IsEmpty)
        {
            failure = errors.ToStatus(Service.KindName, "", next.Metadata?.Name ?? "");
        }

        return failure;
    }

    /// <summary>Gives back a reservation whose write failed.</summary>
    public void Release(Reservation reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        lock (_gate)
        {
            ReleaseLocked(reservation);
        }
    }

    /// <summary>After a successful write: releases what <paramref name="before"/> used and <paramref name="after"/> (null: deleted) does not.</summary>
    public void ReleaseUnused(Service before, Service? after)
    {
        ArgumentNullException.ThrowIfNull(before);
        var keptIps = after is null ? [] : IpOffsets(after).ToHashSet();
        var keptPorts = after is null ? [] : PortOffsets(after).ToHashSet();
        lock (_gate)
        {
            foreach (var offset in IpOffsets(before).Where(o => !keptIps.Contains(o)))
            {
                _ips.Release(offset);
            }

            foreach (var offset in PortOffsets(before).Where(o => !keptPorts.Contains(o)))
            {
                _ports.Release(offset);
            }
        }
    }

    private Status? AllocateIP(ServiceSpec spec, ServiceSpec? old, Reservation reservation, FieldErrorList errors)
    {
        if (spec.Type == "ExternalName" || spec.ClusterIP == "None" || (spec.ClusterIPs is ["None", ..] && string.IsNullOrEmpty(spec.ClusterIP)))
        {
            return null;
        }

        var requested = !string.IsNullOrEmpty(spec.ClusterIP) ? spec.ClusterIP : spec.ClusterIPs is [var first, ..] ? first : null;
        if (requested is not null && old?.ClusterIP == requested)
        {
            return null; // kept on update; changing it is validation's "may not change once set"
        }

        int offset;
        if (requested is null)
        {
            offset = _ips.AllocateNext();
            if (offset < 0)
            {
                return ApiErrors.Internal("failed to allocate a serviceIP: range is full");
            }

            reservation.Ips.Add(offset);
            var ip = FromUInt32(_first + (uint)offset).ToString();
            spec.ClusterIP = ip;
            spec.ClusterIPs = [ip];
        }
        else if (!IPAddress.TryParse(requested, out var address))
        {
            return null; // validation names the malformed address
        }
        else if ((offset = Offset(address)) < 0)
        {
            errors.Invalid(ClusterIPsPath, spec.ClusterIPs ?? [requested],
                $"failed to allocate IP {requested}: the provided IP ({requested}) is not in the valid range. The range of valid IPs is {_cidr}");
            return null;
        }
        else if (!_ips.Allocate(offset))
        {
            errors.Invalid(ClusterIPsPath, spec.ClusterIPs ?? [requested], $"failed to allocate IP {requested}: provided IP is already allocated");
            return null;
        }
        else
        {
            reservation.Ips.Add(offset);
            spec.ClusterIPs ??= [requested];
        }

        spec.IPFamilies ??= ["IPv4"];
        spec.IPFamilyPolicy ??= "SingleStack";
        return null;
    }

    private Status? AllocatePorts(ServiceSpec spec, ServiceSpec? old, Reservation reservation, FieldErrorList errors)
    {
        var oldPorts = old is null ? [] : NodePortsOf(old).ToHashSet();
        var wantsNodePorts = spec.Type is "NodePort" or "LoadBalancer";

        // Requested ports first, then dynamic ones, as upstream: a dynamic pick never takes a port another
        // port of the same Service asked for.
        foreach (var requested in new[] { true, false })
        {
            for (var i = 0; i < (spec.Ports?.Count ?? 0); i++)
            {
                var port = spec.Ports![i];
                if (!wantsNodePorts)
                {
                    // Upstream drops node ports that a type change to ClusterIP leaves behind unchanged.
                    if (port.NodePort is { } stale && oldPorts.Contains(stale))
                    {
                        port.NodePort = null;
                    }

                    continue;
                }

                if ((port.NodePort is > 0) != requested)
                {
                    continue;
                }

                if (Take(port.NodePort, oldPorts, FieldPath.Root("spec").Child("ports").Index(i).Child("nodePort"), reservation, errors) is { } taken)
                {
                    port.NodePort = taken;
                }
                else if (!errors.IsEmpty)
                {
                    return null;
                }
                else
                {
                    return ApiErrors.Internal("failed to allocate a nodePort: range is full");
                }
            }
        }

        if (spec.Type == "LoadBalancer" && spec.ExternalTrafficPolicy == "Local")
        {
            var taken = Take(spec.HealthCheckNodePort, oldPorts, FieldPath.Root("spec").Child("healthCheckNodePort"), reservation, errors);
            if (taken is null && errors.IsEmpty)
            {
                return ApiErrors.Internal("failed to allocate a nodePort: range is full");
            }

            spec.HealthCheckNodePort = taken;
        }

        return null;
    }

    // The requested port (kept when the stored version has it, else taken) or the next free one; null with an error or when full.
    private int? Take(int? requested, HashSet<int> kept, FieldPath path, Reservation reservation, FieldErrorList errors)
    {
        if (requested is > 0 and var port)
        {
            if (kept.Contains(port))
            {
                return port;
            }

            var offset = port - NodePorts.Base;
            if (offset < 0 || offset >= NodePorts.Size)
            {
                errors.Invalid(path, port, $"provided port is not in the valid range. The range of valid ports is {NodePorts}");
                return null;
            }

            if (!_ports.Allocate(offset))
            {
                errors.Invalid(path, port, "provided port is already allocated");
                return null;
            }

            reservation.Ports.Add(offset);
            return port;
        }

        var next = _ports.AllocateNext();
        if (next < 0)
        {
            return null;
        }

        reservation.Ports.Add(next);
        return NodePorts.Base + next;
    }

    private void ReleaseLocked(Reservation reservation)
    {
        reservation.Ips.ForEach(_ips.Release);
        reservation.Ports.ForEach(_ports.Release);
        reservation.Ips.Clear();
        reservation.Ports.Clear();
    }

    private IEnumerable<int> IpOffsets(Service service)
    {
        if (service.Spec?.ClusterIP is { } text && IPAddress.TryParse(text, out var address) && Offset(address) is >= 0 and var offset)
        {
            yield return offset;
        }
    }

    private IEnumerable<int> PortOffsets(Service service) =>
        service.Spec is null ? [] : NodePortsOf(service.Spec).Select(p => p - NodePorts.Base).Where(o => o >= 0 && o < NodePorts.Size);

    private static IEnumerable<int> NodePortsOf(ServiceSpec spec)
    {
        foreach (var port in spec.Ports ?? [])
        {
            if (port.NodePort is > 0 and var nodePort)
            {
                yield return nodePort;
            }
        }

        if (spec.HealthCheckNodePort is > 0 and var health)
        {
            yield return health;
        }
    }

    private int Offset(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || !_cidr.Contains(address))
        {
            return -1;
        }

        var offset = (long)ToUInt32(address) - _first;
        return offset >= 0 && offset < _ips.Size ? (int)offset : -1;
    }

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static IPAddress FromUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}

/// <summary>A node-port range as kube-apiserver's <c>--service-node-port-range</c> writes it: <c>30000-32767</c>.</summary>
public readonly record struct PortRange(int Base, int Size)
{
    public static PortRange Default { get; } = new(30000, 2768);

    public static bool TryParse(string text, out PortRange range)
    {
        range = default;
        var parts = text.Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            || low < 1 || high > 65535 || high < low)
        {
            return false;
        }

        range = new PortRange(low, high - low + 1);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Base}-{Base + Size - 1}");
}
