using FastKube.Api.Core;
using FastKube.Controllers.EndpointSlices;
using CoreEndpoints = FastKube.Api.Core.Endpoints;

namespace FastKube.Controllers.Endpoints;

/// <summary>
/// The legacy core/v1 Endpoints of one Service as upstream's endpoints controller builds them, from the
/// same per-pod pieces as the EndpointSlices (<see cref="EndpointBuilder"/>): every pod with an IP that
/// is not finished (nor terminating, unless the Service publishes not-ready addresses) becomes an address,
/// ready or not ready; addresses serving the same ports share a subset; past 1000 addresses the list is
/// truncated (ready ones kept first) and marked with the <c>endpoints.kubernetes.io/over-capacity</c>
/// annotation. Labels are the Service's, plus <c>service.kubernetes.io/headless</c> for a headless Service.
/// </summary>
internal static class EndpointsPlanner
{
    public const int MaxAddresses = 1000;
    public const string OverCapacityAnnotation = "endpoints.kubernetes.io/over-capacity";
    public const string HeadlessLabel = "service.kubernetes.io/headless";

    public static CoreEndpoints Build(Service service, IEnumerable<Pod> pods)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses == true;
        var subsets = new Dictionary<string, (List<EndpointPort> Ports, List<EndpointAddress> Ready, List<EndpointAddress> NotReady)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (!EndpointBuilder.Qualifies(pod) || (pod.Metadata?.DeletionTimestamp is not null && !publishNotReady))
            {
                continue;
            }

            var ports = EndpointBuilder.Ports(service, pod).Select(p => new EndpointPort { Name = p.Name, Port = p.Port, Protocol = p.Protocol, AppProtocol = p.AppProtocol }).ToList();

            // A Service with ports that this pod serves none of leaves the pod out (upstream skips ports it cannot resolve).
            if (ports.Count == 0 && service.Spec?.Ports is { Count: > 0 })
            {
                continue;
            }

            var key = string.Join(",", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}").Order(StringComparer.Ordinal));
            if (!subsets.TryGetValue(key, out var subset))
            {
                subsets[key] = subset = ([.. ports.OrderBy(p => p.Name, StringComparer.Ordinal)], [], []);
            }

            var endpoint = EndpointBuilder.Build(service, pod, zone: null);
            var address = new EndpointAddress { IP = endpoint.Addresses![0], Hostname = endpoint.Hostname, NodeName = endpoint.NodeName, TargetRef = endpoint.TargetRef };
            (publishNotReady || EndpointBuilder.IsReady(pod) ? subset.Ready : subset.NotReady).Add(address);
        }

        var result = new CoreEndpoints
        {
            ApiVersion = CoreEndpoints.GroupVersion,
            Kind = CoreEndpoints.KindName,
            Metadata = new Api.Meta.ObjectMeta
            {
                Name = service.Metadata!.Name,
                Namespace = service.Metadata.Namespace,
                Labels = Labels(service),
            },
            Subsets = subsets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new EndpointSubset
            {
                Addresses = s.Value.Ready.Count == 0 ? null : [.. s.Value.Ready.OrderBy(a => a.IP, StringComparer.Ordinal)],
                NotReadyAddresses = s.Value.NotReady.Count == 0 ? null : [.. s.Value.NotReady.OrderBy(a => a.IP, StringComparer.Ordinal)],
                Ports = s.Value.Ports.Count == 0 ? null : s.Value.Ports,
            }).ToList(),
        };
        if (Truncate(result.Subsets))
        {
            result.Metadata.Annotations = new(StringComparer.Ordinal) { [OverCapacityAnnotation] = "truncated" };
        }

        return result;
    }

    private static Dictionary<string, string>? Labels(Service service)
    {
        var labels = service.Metadata?.Labels is { } own ? new Dictionary<string, string>(own, StringComparer.Ordinal) : new(StringComparer.Ordinal);
        labels.Remove(HeadlessLabel);
        if (service.Spec?.ClusterIP == "None")
        {
            labels[HeadlessLabel] = "";
        }

        return labels.Count == 0 ? null : labels;
    }

    // Upstream's truncateEndpoints: when ready addresses alone exceed the limit, not-ready ones all go and
    // ready ones are cut in proportion per subset; otherwise ready ones stay and not-ready ones are cut.
    private static bool Truncate(List<EndpointSubset> subsets)
    {
        var ready = subsets.Sum(s => s.Addresses?.Count ?? 0);
        var notReady = subsets.Sum(s => s.NotReadyAddresses?.Count ?? 0);
        if (ready + notReady <= MaxAddresses)
        {
            return false;
        }

        if (ready > MaxAddresses)
        {
            Cut(subsets, s => s.Addresses, (s, a) => s.Addresses = a, ready, MaxAddresses);
            subsets.ForEach(s => s.NotReadyAddresses = null);
        }
        else
        {
            Cut(subsets, s => s.NotReadyAddresses, (s, a) => s.NotReadyAddresses = a, notReady, MaxAddresses - ready);
        }

        return true;
    }

    private static void Cut(List<EndpointSubset> subsets, Func<EndpointSubset, List<EndpointAddress>?> get, Action<EndpointSubset, List<EndpointAddress>?> set, int total, int budget)
    {
        var left = budget;
        for (var i = 0; i < subsets.Count; i++)
        {
            var addresses = get(subsets[i]) ?? [];
            var share = i == subsets.Count - 1 ? left : (int)Math.Min(left, Math.Ceiling((double)addresses.Count * budget / total));
            var kept = addresses.Take(share).ToList();
            left -= kept.Count;
            set(subsets[i], kept.Count == 0 ? null : kept);
        }
    }
}
