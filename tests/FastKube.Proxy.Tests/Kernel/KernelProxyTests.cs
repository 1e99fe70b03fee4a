using System.Net;
using System.Net.Sockets;
using FastKube.Api.Core;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.Tests.Kernel;
using static FastKube.Proxy.Tests.ProxyObjects;

namespace FastKube.Proxy.Tests.Kernel;

/// <summary>
/// The proxier's rules applied to the real kernel through netlink in a node namespace, with real
/// connections from an off-cluster client namespace to pods behind a bridge (see <see cref="KernelTopology"/>).
/// </summary>
public sealed class KernelProxyTests : IDisposable
{
    private static readonly IPAddress ClusterIp = IPAddress.Parse("10.96.0.10");

    private readonly KernelTopology _net;

    public KernelProxyTests()
    {
        // The fixture needs root and namespaces; KernelFact skips the tests before this runs when they are missing.
        _net = new KernelTopology();
    }

    public void Dispose() => _net.Dispose();

    [KernelFact]
    public async Task ClusterIp_ManyConnections_SpreadOverAllThreeBackends()
    {
        _net.StartListeners();
        Feed(Service("web", "10.96.0.10"), AllPods("web", 8080, "TCP"));

        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 90 && answers.Count < 3; i++)
        {
            answers.Add(await _net.RequestTcpAsync(ClusterIp, 80));
        }

        Assert.Equal(KernelTopology.Pods.Select(p => p.ToString()).Order(), answers.Order());
    }

    [KernelFact]
    public async Task NodePort_FromOutsideTheNode_ReachesABackend()
    {
        _net.StartListeners();
        Feed(Service("np", "10.96.0.11", spec => spec.Type = ServiceTypes.NodePort, Port(80, nodePort: 30080)), AllPods("np", 8080, "TCP"));

        string answer = await _net.RequestTcpAsync(KernelTopology.NodeIp, 30080);

        Assert.Contains(answer, KernelTopology.Pods.Select(p => p.ToString()));
    }

    [KernelFact]
    public async Task ClientIpAffinity_RepeatedConnections_PinnedToOneBackend()
    {
        _net.StartListeners();
        Feed(Service("sticky", "10.96.0.12", spec => spec.SessionAffinity = "ClientIP"), AllPods("sticky", 8080, "TCP"));

        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 15; i++)
        {
            answers.Add(await _net.RequestTcpAsync(IPAddress.Parse("10.96.0.12"), 80));
        }

        Assert.Single(answers);
    }

    [KernelFact]
    public async Task EndpointRemoved_NoNewConnectionsReachItAndItsUdpFlowsAreFlushed()
    {
        _net.StartListeners();
        Feed(Service("web", "10.96.0.10", null, Port(80), Port(53, "UDP", "dns")), AllPods("web", 8080, "TCP"));
        _net.Proxier.Endpoints.Update(Named(Slice("web", "web-udp", 5353, "UDP", KernelTopology.Pods.Select(p => Ready(p.ToString())).ToArray()), "dns"));
        _net.Sync();
        using var udp = _net.UdpClient(40053);
        string first = await KernelTopology.AskUdpAsync(udp, ClusterIp, 53);
        Assert.Equal(first, await KernelTopology.AskUdpAsync(udp, ClusterIp, 53));
        var removed = IPAddress.Parse(first);
        Assert.Contains(_net.Conntrack.List(AddressFamily.InterNetwork), e => e.ReplySource.Equals(removed) && e.Protocol == NfValue.Udp);

        var remaining = KernelTopology.Pods.Where(p => !p.Equals(removed)).Select(p => Ready(p.ToString())).ToArray();
        _net.Proxier.Endpoints.Update(Slice("web", "web-1", 8080, "TCP", remaining));
        _net.Proxier.Endpoints.Update(Named(Slice("web", "web-udp", 5353, "UDP", remaining), "dns"));
        _net.Sync();

        Assert.DoesNotContain(_net.Conntrack.List(AddressFamily.InterNetwork), e => e.ReplySource.Equals(removed) && e.Protocol == NfValue.Udp);
        Assert.NotEqual(first, await KernelTopology.AskUdpAsync(udp, ClusterIp, 53));
        for (int i = 0; i < 20; i++)
        {
            Assert.NotEqual(first, await _net.RequestTcpAsync(ClusterIp, 80));
        }
    }

    [KernelFact]
    public async Task ServiceWithoutEndpoints_ConnectionRefusedNotTimedOut()
    {
        Feed(Service("empty", "10.96.0.14"));

        var error = await Assert.ThrowsAnyAsync<SocketException>(() => _net.RequestTcpAsync(IPAddress.Parse("10.96.0.14"), 80));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [KernelFact]
    public void NftListRuleset_AfterFullAndPartialSync_PrintsOurTableLikeNftLoadedIt()
    {
        Rules.Scenario.Load(_net.Proxier);
        _net.Sync();
        _net.Proxier.Endpoints.Update(Slice("web", "web-1", 8080, "TCP", Ready("10.244.1.5"), Ready("10.244.9.9")));
        _net.Sync();

        string listed = _net.Node.NftList();

        // Load the same final ruleset with the stock tool from our text rendering, in a fresh namespace.
        using var other = new TestNamespace();
        var fresh = new ProxyHarness();
        Rules.Scenario.Load(fresh.Proxier);
        fresh.Proxier.Endpoints.Update(Slice("web", "web-1", 8080, "TCP", Ready("10.244.1.5"), Ready("10.244.9.9")));
        fresh.Sync();
        var (code, output) = Tools.RunWithInput(fresh.Nf.LastTransaction!.ToString(), "ip", "netns", "exec", other.Name, "nft", "-f", "-");
        Assert.True(code == 0, output);
        Assert.Equal(Canonical(other.NftList()), Canonical(listed));
        Assert.Equal(Canonical(fresh.Nf.Dump()), Canonical(listed));
        Assert.Contains("10.96.0.10 . tcp . 80 : goto service-25767f54-default/web/tcp/p80", listed, StringComparison.Ordinal);
        Assert.Contains("tcp . 30080 : goto external-8e625442-default/np/tcp/p80", listed, StringComparison.Ordinal);
        Assert.Contains("\t\treject with tcp reset\n\t\treject\n", listed, StringComparison.Ordinal);
    }

    private void Feed(Service service, params Api.Discovery.EndpointSlice[] slices)
    {
        _net.Proxier.Services.Update(service);
        foreach (var slice in slices)
        {
            _net.Proxier.Endpoints.Update(slice);
        }

        _net.Sync();
    }

    private static Api.Discovery.EndpointSlice AllPods(string service, int port, string protocol) =>
        Slice(service, service + "-1", port, protocol, KernelTopology.Pods.Select(p => Ready(p.ToString())).ToArray());

    /// <summary>Element order inside a map and chain order are the kernel's; compare line sets.</summary>
    private static string Canonical(string listing) =>
        string.Join('\n', listing.Split('\n')
            .Select(l => l.Trim().Replace("elements = { ", "", StringComparison.Ordinal).Replace(" }", "", StringComparison.Ordinal).TrimEnd(','))
            .Where(l => l.Length > 0)
            .Order(StringComparer.Ordinal));
}
