using FastKube.Api.Core;
using FastKube.Api.Resource;

namespace FastKube.Api.Defaulting;

public static partial class Defaults
{
    /// <summary>Upstream's DefaultClientIPServiceAffinitySeconds (three hours).</summary>
    public const int DefaultClientIPServiceAffinitySeconds = 10800;

    /// <summary>The finalizer the namespace controller owns; the registry puts it on every namespace.</summary>
    public const string NamespaceFinalizer = "kubernetes";

    /// <summary>The label the namespace defaults add, mirroring the name so selectors can target it.</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public static void ApplyService(Service service)
    {
        var spec = service.Spec ??= new ServiceSpec();
        if (string.IsNullOrEmpty(spec.SessionAffinity))
        {
            spec.SessionAffinity = "None";
        }

        if (spec.SessionAffinity == "None")
        {
            spec.SessionAffinityConfig = null;
        }
        else if (spec.SessionAffinity == "ClientIP" && spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds is null)
        {
            spec.SessionAffinityConfig = new SessionAffinityConfig
            {
                ClientIP = new ClientIPConfig { TimeoutSeconds = DefaultClientIPServiceAffinitySeconds },
            };
        }

        if (string.IsNullOrEmpty(spec.Type))
        {
            spec.Type = "ClusterIP";
        }

        if (spec.Ports is not null)
        {
            foreach (var port in spec.Ports)
            {
                if (string.IsNullOrEmpty(port.Protocol))
                {
                    port.Protocol = "TCP";
                }

                if (port.TargetPort is not { } target || (target.IsString ? target.StringValue.Length == 0 : target.IntValue == 0))
                {
                    port.TargetPort = IntOrString.FromInt32(port.Port ?? 0);
                }
            }
        }

        // Upstream's ExternallyAccessible: reachable from outside the cluster network.
        var external = spec.Type is "NodePort" or "LoadBalancer" || (spec.Type == "ClusterIP" && spec.ExternalIPs is { Count: > 0 });
        if (external && string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
        {
            spec.ExternalTrafficPolicy = "Cluster";
        }

        if (string.IsNullOrEmpty(spec.InternalTrafficPolicy) && spec.Type is "ClusterIP" or "NodePort" or "LoadBalancer")
        {
            spec.InternalTrafficPolicy = "Cluster";
        }

        if (spec.Type == "LoadBalancer")
        {
            spec.AllocateLoadBalancerNodePorts ??= true;
            if (service.Status?.LoadBalancer?.Ingress is { } ingress)
            {
                foreach (var entry in ingress)
                {
                    if (!string.IsNullOrEmpty(entry.IP) && entry.IPMode is null)
                    {
                        entry.IPMode = "VIP";
                    }
                }
            }
        }
    }

    public static void ApplySecret(Secret secret)
    {
        if (string.IsNullOrEmpty(secret.Type))
        {
            secret.Type = "Opaque";
        }
    }

    /// <summary>
    /// SetDefaults_Namespace (the name label), SetDefaults_NamespaceStatus (phase Active) and the
    /// namespace registry's PrepareForCreate, which makes sure the "kubernetes" finalizer is present.
    /// </summary>
    public static void ApplyNamespace(Namespace ns)
    {
        var name = ns.Metadata?.Name;
        if (!string.IsNullOrEmpty(name))
        {
            var labels = ns.Metadata!.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal);
            labels[NamespaceNameLabel] = name;
        }

        var spec = ns.Spec ??= new NamespaceSpec();
        var finalizers = spec.Finalizers ??= [];
        if (!finalizers.Contains(NamespaceFinalizer))
        {
            finalizers.Add(NamespaceFinalizer);
        }

        var status = ns.Status ??= new NamespaceStatus();
        if (string.IsNullOrEmpty(status.Phase))
        {
            status.Phase = "Active";
        }
    }

    /// <summary>SetDefaults_NodeStatus: allocatable starts as a copy of capacity.</summary>
    public static void ApplyNode(Node node)
    {
        if (node.Status is { Allocatable: null, Capacity: { } capacity } status)
        {
            status.Allocatable = new Dictionary<string, Quantity>(capacity, StringComparer.Ordinal);
        }
    }

    public static void ApplyEndpoints(Endpoints endpoints)
    {
        if (endpoints.Subsets is null)
        {
            return;
        }

        foreach (var subset in endpoints.Subsets)
        {
            if (subset.Ports is null)
            {
                continue;
            }

            foreach (var port in subset.Ports)
            {
                if (string.IsNullOrEmpty(port.Protocol))
                {
                    port.Protocol = "TCP";
                }
            }
        }
    }
}
