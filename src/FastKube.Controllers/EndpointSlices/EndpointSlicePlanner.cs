using FastKube.Api.Core;
using FastKube.Api.Discovery;
using EndpointPort = FastKube.Api.Discovery.EndpointPort;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.EndpointSlices;

/// <summary>One desired endpoint of a Service and the ports it serves (pods with different ports go into different slices).</summary>
internal sealed record DesiredEndpoint(Endpoint Endpoint, List<EndpointPort> Ports);

/// <summary>The writes that bring a Service's EndpointSlices to the desired state.</summary>
internal sealed record SlicePlan(List<EndpointSlice> Create, List<EndpointSlice> Update, List<EndpointSlice> Delete)
{
    public bool IsEmpty => Create.Count == 0 && Update.Count == 0 && Delete.Count == 0;
}

/// <summary>
/// Plans a Service's EndpointSlices with upstream's reconciler strategy, which keeps churn low: per set
/// of ports, endpoints that changed are rewritten in place and ones that went away are removed from the
/// slice holding them; new endpoints first fill slices that are being rewritten anyway, then the fullest
/// untouched slice they fit in, and only then new slices of at most <c>maxEndpointsPerSlice</c>. A Service
/// without endpoints keeps one empty placeholder slice, as upstream does. Slices never leave this planner
/// shared with the caller's input: updated slices are copies.
/// </summary>
internal static class EndpointSlicePlanner
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    public const string ManagedBy = "endpointslice-controller.k8s.io";

    public static SlicePlan Plan(Service service, IReadOnlyList<DesiredEndpoint> desired, IReadOnlyList<EndpointSlice> existing, int maxEndpointsPerSlice = 100)
    {
        var plan = new SlicePlan([], [], []);
        var desiredByPorts = desired.GroupBy(d => PortKey(d.Ports)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (desiredByPorts.Count == 0)
        {
            PlanPlaceholder(service, existing, plan);
            return plan;
        }

        var existingByPorts = existing.GroupBy(s => PortKey(s.Ports ?? [])).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (key, slices) in existingByPorts)
        {
            if (!desiredByPorts.ContainsKey(key))
            {
                plan.Delete.AddRange(slices);
            }
        }

        foreach (var (key, endpoints) in desiredByPorts)
        {
            PlanPorts(service, endpoints[0].Ports, endpoints, existingByPorts.GetValueOrDefault(key) ?? [], maxEndpointsPerSlice, plan);
        }

        return plan;
    }

    private static void PlanPorts(Service service, List<EndpointPort> ports, List<DesiredEndpoint> endpoints, List<EndpointSlice> existing, int max, SlicePlan plan)
    {
        var remaining = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            remaining[EndpointKey(endpoint.Endpoint)] = endpoint.Endpoint;
        }

        // 1. Drop endpoints no longer desired and rewrite changed ones, slice by slice.
        var toUpdate = new List<EndpointSlice>();
        var unchanged = new List<EndpointSlice>();
        foreach (var slice in existing)
        {
            var kept = new List<Endpoint>();
            var changed = false;
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                if (remaining.Remove(EndpointKey(endpoint), out var wanted))
                {
                    kept.Add(wanted);
                    changed |= !EndpointsEqual(wanted, endpoint);
                }
            }

            if (!changed && kept.Count == (slice.Endpoints?.Count ?? 0))
            {
                unchanged.Add(slice);
            }
            else if (kept.Count == 0)
            {
                plan.Delete.Add(slice);
            }
            else
            {
                toUpdate.Add(CopyWith(slice, kept));
            }
        }

        var pending = new Queue<Endpoint>(remaining.Values);

        // 2. Fill the slices that are rewritten anyway, fullest first.
        foreach (var slice in toUpdate.OrderByDescending(s => s.Endpoints!.Count))
        {
            while (pending.Count > 0 && slice.Endpoints!.Count < max)
            {
                slice.Endpoints.Add(pending.Dequeue());
            }
        }

        plan.Update.AddRange(toUpdate);

        // 3. The rest: into the fullest untouched slice they all fit in, else into new slices.
        while (pending.Count > 0)
        {
            EndpointSlice target;
            var fits = pending.Count < max
                ? unchanged.Where(s => (s.Endpoints?.Count ?? 0) + pending.Count <= max).MaxBy(s => s.Endpoints?.Count ?? 0)
                : null;
            if (fits is not null)
            {
                unchanged.Remove(fits);
                target = CopyWith(fits, [.. fits.Endpoints ?? []]);
                plan.Update.Add(target);
            }
            else
            {
                target = NewSlice(service, ports);
                plan.Create.Add(target);
            }

            while (pending.Count > 0 && target.Endpoints!.Count < max)
            {
                target.Endpoints.Add(pending.Dequeue());
            }
        }
    }

    private static void PlanPlaceholder(Service service, IReadOnlyList<EndpointSlice> existing, SlicePlan plan)
    {
        var placeholder = existing.FirstOrDefault(s => (s.Endpoints?.Count ?? 0) == 0 && (s.Ports?.Count ?? 0) == 0);
        plan.Delete.AddRange(existing.Where(s => !ReferenceEquals(s, placeholder)));
        if (placeholder is null)
        {
            var created = NewSlice(service, []);
            created.Ports = [];
            plan.Create.Add(created);
        }
    }

    private static EndpointSlice NewSlice(Service service, List<EndpointPort> ports) => new()
    {
        ApiVersion = EndpointSlice.GroupVersion,
        Kind = EndpointSlice.KindName,
        Metadata = new ObjectMeta
        {
            GenerateName = service.Metadata!.Name + "-",
            Namespace = service.Metadata.Namespace,
            Labels = new(StringComparer.Ordinal) { [ServiceNameLabel] = service.Metadata.Name!, [ManagedByLabel] = ManagedBy },
            OwnerReferences = [ControllerRefs.Reference(service, "v1", Service.KindName)],
        },
        AddressType = AddressTypes.IPv4,
        Ports = [.. ports],
        Endpoints = [],
    };

    // A shallow copy whose endpoint list is the caller's: the input slice is never modified.
    private static EndpointSlice CopyWith(EndpointSlice slice, List<Endpoint> endpoints) => new()
    {
        ApiVersion = slice.ApiVersion,
        Kind = slice.Kind,
        Metadata = slice.Metadata,
        AddressType = slice.AddressType,
        Ports = slice.Ports,
        Endpoints = endpoints,
    };

    /// <summary>Identity of a set of ports, independent of their order.</summary>
    public static string PortKey(IEnumerable<EndpointPort> ports) =>
        string.Join(';', ports.Select(p => $"{p.Name}/{p.Protocol}/{p.Port}/{p.AppProtocol}").Order(StringComparer.Ordinal));

    private static string EndpointKey(Endpoint endpoint) =>
        $"{string.Join(',', endpoint.Addresses ?? [])}/{endpoint.TargetRef?.Uid}";

    private static bool EndpointsEqual(Endpoint a, Endpoint b) =>
        (a.Addresses ?? []).SequenceEqual(b.Addresses ?? [], StringComparer.Ordinal)
        && a.Conditions?.Ready == b.Conditions?.Ready
        && a.Conditions?.Serving == b.Conditions?.Serving
        && a.Conditions?.Terminating == b.Conditions?.Terminating
        && a.Hostname == b.Hostname
        && a.NodeName == b.NodeName
        && a.Zone == b.Zone
        && a.TargetRef?.Name == b.TargetRef?.Name
        && a.TargetRef?.Namespace == b.TargetRef?.Namespace;
}
