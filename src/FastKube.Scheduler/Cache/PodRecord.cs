using FastKube.Api.Core;

namespace FastKube.Scheduler.Cache;

/// <summary>A pod the cache counts on a node: bound, or assumed while its bind is in flight.</summary>
internal sealed class PodRecord(string key, Pod pod, int slot, PodResources resources, int priority)
{
    public string Key { get; } = key;

    public Pod Pod { get; set; } = pod;

    public int Slot { get; } = slot;

    public PodResources Resources { get; } = resources;

    public int Priority { get; } = priority;

    public PodGroup? Group { get; set; }

    public TermGroup[] Terms { get; set; } = [];

    public HostPort[] Ports { get; set; } = [];

    /// <summary>Counted because this scheduler chose the node; cleared when the informer shows the pod bound.</summary>
    public bool Assumed { get; set; }

    public bool BindingFinished { get; set; }
}

/// <summary>A host port a pod uses: protocol, port and host IP ("0.0.0.0" for all addresses).</summary>
internal readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    public const string AnyIp = "0.0.0.0";

    /// <summary>Upstream's conflict rule: same protocol and port, and the same IP or either on all addresses.</summary>
    public bool ConflictsWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (Ip == other.Ip || Ip == AnyIp || other.Ip == AnyIp);

    /// <summary>The host ports of a pod's containers (and sidecar init containers, which keep running).</summary>
    public static HostPort[] Of(PodSpec? spec)
    {
        List<HostPort>? ports = null;
        foreach (var container in (spec?.Containers ?? []).Concat((spec?.InitContainers ?? []).Where(c => c.RestartPolicy == RestartPolicies.Always)))
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is > 0 and var hostPort)
                {
                    ports ??= [];
                    ports.Add(new HostPort(string.IsNullOrEmpty(port.HostIP) ? AnyIp : port.HostIP, port.Protocol ?? Protocols.Tcp, hostPort));
                }
            }
        }

        return ports is null ? [] : [.. ports];
    }
}
