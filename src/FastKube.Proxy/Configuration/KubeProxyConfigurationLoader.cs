using FastKube.Client.Configuration;
using System.Net;
using FastKube.Api.Meta;

namespace FastKube.Proxy.Configuration;

/// <summary>
/// Parses, defaults and validates a KubeProxyConfiguration YAML document with upstream's field names. Every
/// error names the field path, the bad value and what is allowed
/// (<c>nftables.masqueradeBit: Invalid value: "40": must be an integer between 0 and 31, inclusive</c>);
/// unknown fields are errors.
/// </summary>
public static class KubeProxyConfigurationLoader
{
    private static readonly string[] IpvsSchedulers = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "sh", "dh", "sed", "nq", "mh"];

    /// <summary>The configuration, or null with every error found.</summary>
    public static (KubeProxyConfiguration? Configuration, IReadOnlyList<string> Errors) Load(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<string>();
        if (ConfigFields.Open(yaml, KubeProxyConfiguration.ApiVersion, KubeProxyConfiguration.KindName, errors) is not { } fields)
        {
            return (null, errors);
        }

        var config = Read(fields);
        return errors.Count == 0 ? (config, errors) : (null, errors);
    }

    private static KubeProxyConfiguration Read(ConfigFields fields)
    {
        var config = new KubeProxyConfiguration { Mode = Mode(fields) };
        var syncPeriod = fields.Duration("syncPeriod", TimeSpan.FromTicks(1), "must be greater than 0");
        var minSyncPeriod = fields.Duration("minSyncPeriod", TimeSpan.Zero, "must be greater than or equal to 0");

        var nftables = ReadNftables(fields, "nftables");
        var iptables = ReadNftables(fields, "iptables");
        var modeSection = config.Mode == ProxyMode.Iptables ? iptables : nftables;
        config = config with
        {
            Nftables = modeSection,
            Ipvs = ReadIpvs(fields),
            Conntrack = ReadConntrack(fields),
            SyncPeriod = modeSection.SyncPeriod ?? syncPeriod ?? config.SyncPeriod,
            MinSyncPeriod = modeSection.MinSyncPeriod ?? minSyncPeriod ?? config.MinSyncPeriod,
            ClusterCidrs = Cidrs(fields, "clusterCIDR"),
            MetricsBindAddress = HostPort(fields, "metricsBindAddress") ?? config.MetricsBindAddress,
            HealthzBindAddress = HostPort(fields, "healthzBindAddress") ?? config.HealthzBindAddress,
            HostnameOverride = fields.String("hostnameOverride")?.Trim() ?? "",
        };
        if (config.MinSyncPeriod > config.SyncPeriod)
        {
            fields.Error(config.Mode == ProxyMode.Iptables ? "iptables.minSyncPeriod" : "nftables.minSyncPeriod", GoDuration.Format(config.MinSyncPeriod),
                $"must be less than or equal to syncPeriod ({GoDuration.Format(config.SyncPeriod)})");
        }

        if (fields.String("bindAddress") is { } bind)
        {
            if (IPAddress.TryParse(bind, out var address))
            {
                config = config with { BindAddress = address };
            }
            else
            {
                fields.Error("bindAddress", bind, "must be a valid IP address");
            }
        }

        config = NodePortAddresses(fields, config);

        // Upstream sections FastKube accepts for compatibility but does not use (client settings come from the
        // node agent's kubeconfig; logging from the host).
        foreach (var name in new[] { "clientConnection", "logging", "featureGates", "configSyncPeriod", "enableProfiling", "oomScoreAdj", "portRange", "bindAddressHardFail", "showHiddenMetricsForVersion", "detectLocalMode", "detectLocal" })
        {
            fields.Ignore(name);
        }

        fields.RejectUnknown();
        return config;
    }

    private static ProxyMode Mode(ConfigFields fields)
    {
        var mode = fields.String("mode") ?? "";
        switch (mode)
        {
            case "" or "nftables":
                return ProxyMode.Nftables;
            case "iptables":
                return ProxyMode.Iptables;
            case "ipvs":
                fields.Error("mode", mode, "IPVS mode is not available yet in FastKube; supported values: \"nftables\", \"iptables\" (runs the nftables engine), \"\" (nftables)");
                return ProxyMode.Nftables;
            case "userspace":
                fields.Error("mode", mode, "the userspace mode was removed upstream in 1.26 and is not supported; supported values: \"nftables\", \"iptables\", \"\" (nftables)");
                return ProxyMode.Nftables;
            default:
                fields.Error("mode", mode, "supported values: \"nftables\", \"iptables\", \"\" (nftables); \"ipvs\" is reserved");
                return ProxyMode.Nftables;
        }
    }

    private static NftablesConfiguration ReadNftables(ConfigFields parent, string name)
    {
        var section = new NftablesConfiguration();
        if (parent.Mapping(name) is not { } fields)
        {
            return section;
        }

        section = section with
        {
            MasqueradeBit = fields.Int("masqueradeBit", 0, 31) ?? section.MasqueradeBit,
            MasqueradeAll = fields.Bool("masqueradeAll") ?? false,
            SyncPeriod = fields.Duration("syncPeriod", TimeSpan.FromTicks(1), "must be greater than 0"),
            MinSyncPeriod = fields.Duration("minSyncPeriod", TimeSpan.Zero, "must be greater than or equal to 0"),
        };
        if (name == "iptables")
        {
            fields.Ignore("localhostNodePorts");
        }

        fields.RejectUnknown();
        return section;
    }

    private static IpvsConfiguration ReadIpvs(ConfigFields parent)
    {
        var section = new IpvsConfiguration();
        if (parent.Mapping("ipvs") is not { } fields)
        {
            return section;
        }

        var scheduler = fields.String("scheduler") ?? "";
        if (scheduler.Length > 0 && !IpvsSchedulers.Contains(scheduler))
        {
            fields.Error(fields.Field("scheduler"), scheduler, "supported values: " + string.Join(", ", IpvsSchedulers.Select(s => "\"" + s + "\"")));
        }

        var minimum = "must be greater than or equal to 0";
        section = section with
        {
            Scheduler = scheduler.Length > 0 ? scheduler : section.Scheduler,
            SyncPeriod = fields.Duration("syncPeriod", TimeSpan.FromTicks(1), "must be greater than 0"),
            MinSyncPeriod = fields.Duration("minSyncPeriod", TimeSpan.Zero, minimum),
            StrictArp = fields.Bool("strictARP") ?? false,
            ExcludeCidrs = Cidrs(fields, "excludeCIDRs"),
            TcpTimeout = fields.Duration("tcpTimeout", TimeSpan.Zero, minimum) ?? TimeSpan.Zero,
            TcpFinTimeout = fields.Duration("tcpFinTimeout", TimeSpan.Zero, minimum) ?? TimeSpan.Zero,
            UdpTimeout = fields.Duration("udpTimeout", TimeSpan.Zero, minimum) ?? TimeSpan.Zero,
        };
        if (section is { SyncPeriod: { } sync, MinSyncPeriod: { } min } && min > sync)
        {
            fields.Error(fields.Field("minSyncPeriod"), GoDuration.Format(min), $"must be less than or equal to ipvs.syncPeriod ({GoDuration.Format(sync)})");
        }

        fields.RejectUnknown();
        return section;
    }

    private static ConntrackConfiguration ReadConntrack(ConfigFields parent)
    {
        var section = new ConntrackConfiguration();
        if (parent.Mapping("conntrack") is not { } fields)
        {
            return section;
        }

        var minimum = "must be greater than or equal to 0";
        section = section with
        {
            MaxPerCore = fields.Int("maxPerCore", 0, int.MaxValue) ?? section.MaxPerCore,
            Min = fields.Int("min", 0, int.MaxValue) ?? section.Min,
            TcpEstablishedTimeout = fields.Duration("tcpEstablishedTimeout", TimeSpan.Zero, minimum) ?? section.TcpEstablishedTimeout,
            TcpCloseWaitTimeout = fields.Duration("tcpCloseWaitTimeout", TimeSpan.Zero, minimum) ?? section.TcpCloseWaitTimeout,
            TcpBeLiberal = fields.Bool("tcpBeLiberal") ?? false,
            UdpTimeout = fields.Duration("udpTimeout", TimeSpan.Zero, minimum) ?? TimeSpan.Zero,
            UdpStreamTimeout = fields.Duration("udpStreamTimeout", TimeSpan.Zero, minimum) ?? TimeSpan.Zero,
        };
        fields.RejectUnknown();
        return section;
    }

    /// <summary>A comma-separated list of CIDRs (upstream's clusterCIDR takes one per IP family).</summary>
    private static List<IPNetwork> Cidrs(ConfigFields fields, string name)
    {
        var networks = new List<IPNetwork>();
        var text = fields.String(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return networks;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (TryParseCidr(part, out var network))
            {
                networks.Add(network);
            }
            else
            {
                fields.Error(fields.Field(name), text, $"\"{part}\" must be a CIDR such as 10.244.0.0/16, with no bits set after the prefix");
            }
        }

        return networks;
    }

    private static KubeProxyConfiguration NodePortAddresses(ConfigFields fields, KubeProxyConfiguration config)
    {
        var items = fields.Strings("nodePortAddresses");
        var networks = new List<IPNetwork>();
        bool primary = false;
        foreach (var (value, path) in items)
        {
            if (value == "primary")
            {
                primary = true;
                if (items.Count > 1)
                {
                    fields.Error(path, value, "\"primary\" must be the only entry of nodePortAddresses");
                }
            }
            else if (TryParseCidr(value, out var network))
            {
                networks.Add(network);
            }
            else
            {
                fields.Error(path, value, "must be a CIDR such as 192.168.0.0/24, or \"primary\"");
            }
        }

        return config with { NodePortAddresses = networks, NodePortPrimary = primary };
    }

    /// <summary>A CIDR whose address has no bits past the prefix (IPNetwork.TryParse would mask them away silently).</summary>
    private static bool TryParseCidr(string text, out IPNetwork network) =>
        IPNetwork.TryParse(text, out network) && text.Contains('/', StringComparison.Ordinal)
        && IPAddress.TryParse(text.AsSpan(0, text.IndexOf('/', StringComparison.Ordinal)), out var address) && address.Equals(network.BaseAddress);

    /// <summary>host:port with an IP host and a port 0-65535; empty disables the server.</summary>
    private static string? HostPort(ConfigFields fields, string name)
    {
        var text = fields.String(name);
        if (text is null || text.Length == 0)
        {
            return text;
        }

        if (!IPEndPoint.TryParse(text, out var endpoint) || !text.Contains(':', StringComparison.Ordinal) || endpoint.Port is < 0 or > 65535)
        {
            fields.Error(fields.Field(name), text, "must be IP:port, e.g. 127.0.0.1:10249 (empty disables the server)");
        }

        return text;
    }
}
