using System.Net;
using System.Net.Sockets;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using EndpointPort = FastKube.Api.Discovery.EndpointPort;

namespace FastKube.Controllers.EndpointSlices;

/// <summary>
/// One pod as an EndpointSlice endpoint of one Service, as upstream's endpointslice utilities build it:
/// which pods qualify, their conditions, and the ports their Service's target ports resolve to.
/// </summary>
internal static class EndpointBuilder
{
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>
    /// A pod belongs in the Service's endpoints once it has an IP and until it is terminal; terminating
    /// pods stay, marked terminating, so proxies can drain them (upstream ShouldPodBeInEndpoints with
    /// includeTerminating).
    /// </summary>
    public static bool Qualifies(Pod pod) =>
        Address(pod) is not null && pod.Status?.Phase is not (PodPhases.Succeeded or PodPhases.Failed);

    /// <summary>The pod's IPv4 address (FastKube's pod networks are IPv4), or null before it has one.</summary>
    public static string? Address(Pod pod)
    {
        if (pod.Status?.PodIPs is { Count: > 0 } ips)
        {
            return ips.Select(ip => ip.IP).FirstOrDefault(IsIPv4);
        }

        return IsIPv4(pod.Status?.PodIP) ? pod.Status!.PodIP : null;
    }

    /// <summary>
    /// The endpoint: ready only when serving and not terminating (or when the Service publishes not-ready
    /// addresses), hostname only for a pod whose subdomain names the Service, zone from its node's label.
    /// </summary>
    public static Endpoint Build(Service service, Pod pod, string? zone)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses == true;
        var serving = publishNotReady || IsReady(pod);
        var terminating = pod.Metadata?.DeletionTimestamp is not null;
        var hostname = pod.Spec?.Hostname is { Length: > 0 } name && pod.Spec.Subdomain == service.Metadata?.Name ? name : null;
        return new Endpoint
        {
            Addresses = [Address(pod)!],
            Conditions = new EndpointConditions { Ready = publishNotReady || (serving && !terminating), Serving = serving, Terminating = terminating },
            Hostname = hostname,
            TargetRef = new ObjectReference { Kind = Pod.KindName, Namespace = pod.Metadata?.Namespace, Name = pod.Metadata?.Name, Uid = pod.Metadata?.Uid },
            NodeName = pod.Spec?.NodeName,
            Zone = zone,
        };
    }

    /// <summary>
    /// The Service's ports as this pod serves them: a numeric targetPort as is, a named one through the
    /// container (or sidecar) port of that name and protocol; a port the pod does not serve is left out.
    /// </summary>
    public static List<EndpointPort> Ports(Service service, Pod pod)
    {
        var ports = new List<EndpointPort>();
        foreach (var servicePort in service.Spec?.Ports ?? [])
        {
            var protocol = servicePort.Protocol ?? "TCP";
            int? number = servicePort.TargetPort is { IsString: true } named
                ? NamedPort(pod, named.StringValue, protocol)
                : servicePort.TargetPort?.IntValue is > 0 and var target ? target : servicePort.Port;
            if (number is { } port)
            {
                ports.Add(new EndpointPort { Name = servicePort.Name ?? "", Port = port, Protocol = protocol, AppProtocol = servicePort.AppProtocol });
            }
        }

        return ports;
    }

    public static bool IsReady(Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == PodConditionTypes.Ready && c.Status == "True") == true;

    private static int? NamedPort(Pod pod, string name, string protocol)
    {
        var sidecars = pod.Spec?.InitContainers?.Where(c => c.RestartPolicy == "Always") ?? [];
        foreach (var container in (pod.Spec?.Containers ?? []).Concat(sidecars))
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.Name == name && (port.Protocol ?? "TCP") == protocol)
                {
                    return port.Port;
                }
            }
        }

        return null;
    }

    private static bool IsIPv4(string? text) =>
        text is not null && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork;
}
