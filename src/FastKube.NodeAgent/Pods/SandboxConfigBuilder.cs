using FastKube.Api.Core;
using FastKube.Cri.V1;
using FastKube.NodeAgent.Configuration;
using FastKube.NodeAgent.Containers;
using Pod = FastKube.Api.Core.Pod;

namespace FastKube.NodeAgent.Pods;

/// <summary>A pod's CRI PodSandboxConfig (upstream kuberuntime generatePodSandboxConfig).</summary>
internal static class SandboxConfigBuilder
{
    public static PodSandboxConfig Build(Pod pod, uint attempt, KubeletConfiguration config)
    {
        var meta = pod.Metadata!;
        var spec = pod.Spec ?? new PodSpec();
        var sandbox = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = meta.Name ?? "", Namespace = meta.Namespace ?? "", Uid = meta.Uid ?? "", Attempt = attempt },
            Hostname = Hostname(pod),
            LogDirectory = LogDirectory(config.PodLogsDirectory, pod),
            Labels =
            {
                [KubeletLabels.PodName] = meta.Name ?? "",
                [KubeletLabels.PodNamespace] = meta.Namespace ?? "",
                [KubeletLabels.PodUid] = meta.Uid ?? "",
                [KubeletLabels.Node] = config.EffectiveNodeName,
            },
            Linux = new LinuxPodSandboxConfig { CgroupParent = CgroupParent(pod, config.CgroupDriver) },
        };
        if (spec.HostNetwork == true)
        {
            // The node's network namespace: no CNI, and the pod's IP is the node's.
            sandbox.Linux.SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node } };
        }

        foreach (var (key, value) in meta.Labels ?? [])
        {
            sandbox.Labels.TryAdd(key, value);
        }

        foreach (var (key, value) in meta.Annotations ?? [])
        {
            sandbox.Annotations[key] = value;
        }

        if (spec.DnsConfig is { } dns)
        {
            var dnsConfig = new DNSConfig();
            dnsConfig.Servers.AddRange(dns.Nameservers ?? []);
            dnsConfig.Searches.AddRange(dns.Searches ?? []);
            dnsConfig.Options.AddRange((dns.Options ?? []).Select(o => o.Value is null ? o.Name ?? "" : $"{o.Name}:{o.Value}"));
            sandbox.DnsConfig = dnsConfig;
        }

        foreach (var container in spec.Containers ?? [])
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is > 0)
                {
                    sandbox.PortMappings.Add(new PortMapping
                    {
                        ContainerPort = port.Port ?? 0,
                        HostPort = port.HostPort.Value,
                        HostIp = port.HostIP ?? "",
                        Protocol = port.Protocol switch { "UDP" => Protocol.Udp, "SCTP" => Protocol.Sctp, _ => Protocol.Tcp },
                    });
                }
            }
        }

        return sandbox;
    }

    /// <summary>{podLogsDirectory}/{namespace}_{name}_{uid}, the kubelet's layout that log readers rely on.</summary>
    public static string LogDirectory(string podLogsDirectory, Pod pod) =>
        Path.Combine(podLogsDirectory, $"{pod.Metadata?.Namespace}_{pod.Metadata?.Name}_{pod.Metadata?.Uid}");

    /// <summary>spec.hostname or the pod name, cut to 63 characters without a trailing '-' or '.' (upstream GeneratePodHostNameAndDomain).</summary>
    private static string Hostname(Pod pod)
    {
        var name = pod.Spec?.Hostname is { Length: > 0 } h ? h : pod.Metadata?.Name ?? "";
        return name.Length <= 63 ? name : name[..63].TrimEnd('-', '.');
    }

    /// <summary>The pod's cgroup under the QoS tier, as the kubelet's cgroup manager names it for each driver.</summary>
    private static string CgroupParent(Pod pod, string driver)
    {
        var qos = PodQos.Get(pod);
        var uid = pod.Metadata?.Uid ?? "";
        var tier = qos switch
        {
            QOSClasses.Guaranteed => "",
            QOSClasses.Burstable => "burstable",
            _ => "besteffort",
        };
        if (driver == "systemd")
        {
            var parent = tier.Length == 0 ? "kubepods" : $"kubepods-{tier}";
            return $"{parent}-pod{uid.Replace('-', '_')}.slice";
        }

        return tier.Length == 0 ? $"/kubepods/pod{uid}" : $"/kubepods/{tier}/pod{uid}";
    }
}
