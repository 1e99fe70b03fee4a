using System.Net;
using FastKube.Api.Meta;
using FastKube.Proxy.Configuration;

namespace FastKube.Proxy.Tests.Configuration;

public sealed class KubeProxyConfigurationLoaderTests
{
    private const string Header = "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n";

    [Fact]
    public void Load_HeaderOnly_UpstreamDefaults()
    {
        var (config, errors) = KubeProxyConfigurationLoader.Load(Header);

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal(ProxyMode.Nftables, config.Mode);
        Assert.Equal(TimeSpan.FromSeconds(30), config.SyncPeriod);
        Assert.Equal(TimeSpan.FromSeconds(1), config.MinSyncPeriod);
        Assert.Equal(0x4000u, config.MasqueradeMark);
        Assert.Equal("127.0.0.1:10249", config.MetricsBindAddress);
        Assert.Equal("0.0.0.0:10256", config.HealthzBindAddress);
        Assert.Equal(IPAddress.Any, config.BindAddress);
        Assert.Empty(config.ClusterCidrs);
        Assert.Equal("rr", config.Ipvs.Scheduler);
    }

    [Fact]
    public void Load_FullDocument_ReadsEveryField()
    {
        var (config, errors) = KubeProxyConfigurationLoader.Load(Header + """
            mode: iptables
            clusterCIDR: 10.244.0.0/16
            nodePortAddresses: [192.168.0.0/24]
            syncPeriod: 1m
            minSyncPeriod: 2s
            iptables:
              masqueradeBit: 15
              masqueradeAll: true
              minSyncPeriod: 500ms
            ipvs:
              scheduler: wlc
              syncPeriod: 45s
              strictARP: true
              tcpTimeout: 900s
            conntrack:
              udpTimeout: 30s
              maxPerCore: 0
            metricsBindAddress: 0.0.0.0:10249
            healthzBindAddress: ""
            hostnameOverride: node-7
            bindAddress: 127.0.0.1
            clientConnection:
              kubeconfig: /etc/kubeconfig
            """);

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal(ProxyMode.Iptables, config.Mode);
        Assert.Equal([IPNetwork.Parse("10.244.0.0/16")], config.ClusterCidrs);
        Assert.Equal([IPNetwork.Parse("192.168.0.0/24")], config.NodePortAddresses);
        Assert.Equal(TimeSpan.FromMinutes(1), config.SyncPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.MinSyncPeriod);
        Assert.Equal(0x8000u, config.MasqueradeMark);
        Assert.True(config.Nftables.MasqueradeAll);
        Assert.Equal(("wlc", true, TimeSpan.FromMinutes(15)), (config.Ipvs.Scheduler, config.Ipvs.StrictArp, config.Ipvs.TcpTimeout));
        Assert.Equal(TimeSpan.FromSeconds(30), config.Conntrack.UdpTimeout);
        Assert.Equal(0, config.Conntrack.MaxPerCore);
        Assert.Equal("", config.HealthzBindAddress);
        Assert.Equal("node-7", config.NodeName);
        Assert.Equal(IPAddress.Loopback, config.BindAddress);
    }

    [Theory]
    [InlineData("mode: ipvs", "mode: Invalid value: \"ipvs\": IPVS mode is not available yet")]
    [InlineData("mode: userspace", "mode: Invalid value: \"userspace\": the userspace mode was removed")]
    [InlineData("mode: kernelspace", "mode: Invalid value: \"kernelspace\": supported values: \"nftables\", \"iptables\"")]
    [InlineData("nftables:\n  masqueradeBit: 40", "nftables.masqueradeBit: Invalid value: \"40\": must be an integer between 0 and 31, inclusive")]
    [InlineData("nftables:\n  syncPeriod: 0s", "nftables.syncPeriod: Invalid value: \"0s\": must be greater than 0")]
    [InlineData("nftables:\n  minSyncPeriod: 1x", "nftables.minSyncPeriod: Invalid value: \"1x\": must be a duration")]
    [InlineData("syncPeriod: 10s\nminSyncPeriod: 20s", "nftables.minSyncPeriod: Invalid value: \"20s\": must be less than or equal to syncPeriod (10s)")]
    [InlineData("clusterCIDR: 10.244.0.1/16", "clusterCIDR: Invalid value: \"10.244.0.1/16\": \"10.244.0.1/16\" must be a CIDR")]
    [InlineData("nodePortAddresses: [primary, 10.0.0.0/8]", "nodePortAddresses[0]: Invalid value: \"primary\": \"primary\" must be the only entry")]
    [InlineData("nodePortAddresses: [nonsense]", "nodePortAddresses[0]: Invalid value: \"nonsense\": must be a CIDR")]
    [InlineData("ipvs:\n  scheduler: fastest", "ipvs.scheduler: Invalid value: \"fastest\": supported values: \"rr\", \"wrr\"")]
    [InlineData("ipvs:\n  syncPeriod: 5s\n  minSyncPeriod: 10s", "ipvs.minSyncPeriod: Invalid value: \"10s\": must be less than or equal to ipvs.syncPeriod (5s)")]
    [InlineData("ipvs:\n  tcpTimeout: -1s", "ipvs.tcpTimeout: Invalid value: \"-1s\": must be greater than or equal to 0")]
    [InlineData("metricsBindAddress: localhost", "metricsBindAddress: Invalid value: \"localhost\": must be IP:port")]
    [InlineData("bindAddress: somewhere", "bindAddress: Invalid value: \"somewhere\": must be a valid IP address")]
    [InlineData("conntrack:\n  udpTimeout: soon", "conntrack.udpTimeout: Invalid value: \"soon\": must be a duration")]
    [InlineData("nftables:\n  masqueradeAll: maybe", "nftables.masqueradeAll: Invalid value: \"maybe\": must be true or false")]
    [InlineData("sinkPeriod: 1s", "sinkPeriod: Invalid value: \"sinkPeriod\": unknown field; allowed:")]
    [InlineData("nftables:\n  bit: 3", "nftables.bit: Invalid value: \"bit\": unknown field; allowed: masqueradeAll, masqueradeBit, minSyncPeriod, syncPeriod")]
    public void Load_BadValue_ErrorNamesFieldValueAndWhatIsAllowed(string yaml, string expected)
    {
        var (config, errors) = KubeProxyConfigurationLoader.Load(Header + yaml);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WrongKind_NamesTheSupportedOne()
    {
        var (_, errors) = KubeProxyConfigurationLoader.Load("apiVersion: v1\nkind: Pod\n");

        Assert.Equal(
            [
                "apiVersion: Invalid value: \"v1\": must be kubeproxy.config.k8s.io/v1alpha1",
                "kind: Invalid value: \"Pod\": must be KubeProxyConfiguration",
            ],
            errors);
    }

    [Fact]
    public void Load_NodePortAddressesPrimary_Flagged()
    {
        var (config, errors) = KubeProxyConfigurationLoader.Load(Header + "nodePortAddresses: [primary]");

        Assert.Empty(errors);
        Assert.True(config!.NodePortPrimary);
        Assert.Empty(config.NodePortAddresses);
    }

    [Theory]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("250ms", 0.25)]
    [InlineData("0", 0)]
    public void Load_GoDurations_Parsed(string text, double seconds)
    {
        var (config, errors) = KubeProxyConfigurationLoader.Load(Header + "conntrack:\n  udpStreamTimeout: " + text);

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromSeconds(seconds), config!.Conntrack.UdpStreamTimeout);
    }
}
