using System.Net;
using System.Net.Sockets;
using System.Text;
using FastKube.Dataplane.Kernel.Conntrack;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Netlink;

namespace FastKube.Dataplane.Kernel.Tests.Kernel;

/// <summary>
/// Real packets: a "node" namespace with our rules and a "pod" namespace behind a veth pair, two TCP
/// listeners (one per pod address) opened from a thread inside the pod namespace, and clients in the node
/// namespace connecting to a virtual ClusterIP that only our DNAT makes reachable.
/// </summary>
public sealed class TrafficTests : IDisposable
{
    private static readonly IPAddress ClusterIp = IPAddress.Parse("10.96.0.10");
    private static readonly IPAddress[] Pods = [IPAddress.Parse("10.200.0.2"), IPAddress.Parse("10.200.0.3")];
    private static readonly NfTableRef Table = new(NfFamily.Inet, "fastkube-traffic");

    private readonly TestNamespace _node = new();
    private readonly TestNamespace _pod = new();
    private readonly CancellationTokenSource _stop = new();

    public TrafficTests()
    {
        Tools.Check("ip", "-n", _node.Name, "link", "add", "vnode", "type", "veth", "peer", "name", "vpod", "netns", _pod.Name);
        Tools.Check("ip", "-n", _node.Name, "addr", "add", "10.200.0.1/24", "dev", "vnode");
        Tools.Check("ip", "-n", _pod.Name, "addr", "add", "10.200.0.2/24", "dev", "vpod");
        Tools.Check("ip", "-n", _pod.Name, "addr", "add", "10.200.0.3/24", "dev", "vpod");
        Tools.Check("ip", "-n", _node.Name, "link", "set", "vnode", "up");
        Tools.Check("ip", "-n", _pod.Name, "link", "set", "vpod", "up");

        // The ClusterIP exists only in our rules; a route makes the connect() reach the nat output hook.
        Tools.Check("ip", "-n", _node.Name, "route", "add", "10.96.0.0/16", "dev", "vnode");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _pod.Dispose();
        _node.Dispose();
    }

    [KernelFact]
    public async Task Connect_ToClusterIp_DnatSpreadsOverBothEndpointsAndConntrackDeleteRemovesFlows()
    {
        foreach (var pod in Pods)
        {
            Listen(pod, 8080, "pod " + pod);
        }

        using (var nf = NetlinkNfTables.Open(_node.Name))
        {
            Assert.Null(nf.Apply(ServiceTransaction()));
        }

        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 30 && answers.Count < Pods.Length; i++)
        {
            answers.Add(await RequestAsync(ClusterIp, 80));
        }

        Assert.Equal(Pods.Select(p => "pod " + p).Order(), answers.Order());

        using var conntrack = NetlinkConntrack.Open(_node.Name);
        var flows = conntrack.List(AddressFamily.InterNetwork).Where(e => e.OriginalDestination.Equals(ClusterIp)).ToList();
        Assert.NotEmpty(flows);
        Assert.All(flows, f => Assert.Equal((NfValue.Tcp, (ushort)80, (ushort)8080), (f.Protocol, f.OriginalDestinationPort, f.ReplySourcePort)));
        Assert.Contains(flows, f => Pods.Contains(f.ReplySource));
        Assert.Contains("10.96.0.10", Tools.Check("ip", "netns", "exec", _node.Name, "conntrack", "-L", "-d", "10.96.0.10"), StringComparison.Ordinal);

        int deleted = conntrack.Delete(new ConntrackFilter(ClusterIp, NfValue.Tcp, 80));

        Assert.Equal(flows.Count, deleted);
        Assert.DoesNotContain(conntrack.List(AddressFamily.InterNetwork), e => e.OriginalDestination.Equals(ClusterIp));
        Assert.DoesNotContain("10.96.0.10", Tools.Run("ip", "netns", "exec", _node.Name, "conntrack", "-L", "-d", "10.96.0.10").Output, StringComparison.Ordinal);
    }

    [KernelFact]
    public async Task Connect_AfterEndpointRemovedFromNumgenMap_OnlyRemainingEndpointAnswers()
    {
        foreach (var pod in Pods)
        {
            Listen(pod, 8080, "pod " + pod);
        }

        using var nf = NetlinkNfTables.Open(_node.Name);
        Assert.Null(nf.Apply(ServiceTransaction()));

        // A partial sync: rewrite one service chain to a single endpoint and drop the other endpoint's chain.
        Assert.Null(nf.Apply(new NfTransaction(Table)
            .FlushChain("svc")
            .AddRule(new NfRule("svc", [new NfNumgenVerdictMap([NfVerdict.Goto("ep-1")])]))
            .DeleteChain("ep-0")));

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal("pod " + Pods[1], await RequestAsync(ClusterIp, 80));
        }
    }

    private static NfTransaction ServiceTransaction()
    {
        var tx = new NfTransaction(Table)
            .AddTable()
            .AddChain(new NfChain("nat-output", new NfBaseChain(NfChainType.Nat, NfHook.Output, NfBaseChain.DstNatPriority)))
            .AddChain(new NfChain("services"))
            .AddChain(new NfChain("svc"))
            .AddSet(new NfSet("service-ips", [NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService], NfDataType.Verdict));
        for (int i = 0; i < Pods.Length; i++)
        {
            tx.AddChain(new NfChain("ep-" + i));
            tx.AddRule(new NfRule("ep-" + i, [new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(NfValue.Tcp)), new NfNat(NfNatKind.Dnat, Pods[i], 8080)]));
        }

        return tx
            .AddRule(new NfRule("nat-output", [new NfVerdictStatement(NfVerdict.Jump("services"))]))
            .AddRule(new NfRule("services", [new NfVerdictMap([NfSelector.IpDaddr, NfSelector.MetaL4Proto, NfSelector.ThDport], "service-ips")]))
            .AddRule(new NfRule("svc", [new NfNumgenVerdictMap([NfVerdict.Goto("ep-0"), NfVerdict.Goto("ep-1")])]))
            .AddElements("service-ips", [new NfElement(new NfKey(NfValue.Address(ClusterIp), NfValue.Protocol(NfValue.Tcp), NfValue.Port(80)), NfVerdict.Goto("svc"))]);
    }

    /// <summary>A listener that answers each connection with <paramref name="answer"/>; the socket is opened inside the pod namespace.</summary>
    private void Listen(IPAddress address, int port, string answer)
    {
        var listener = NetworkNamespace.Run(_pod.Name, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(64);
            return socket;
        });
        var token = _stop.Token;
        token.Register(listener.Dispose);
        _ = Task.Run(async () =>
        {
            var bytes = Encoding.ASCII.GetBytes(answer);
            while (!token.IsCancellationRequested)
            {
                try
                {
                    using var connection = await listener.AcceptAsync(token);
                    await connection.SendAsync(bytes, SocketFlags.None, token);
                    connection.Shutdown(SocketShutdown.Both);
                }
                catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }
            }
        }, token);
    }

    private async Task<string> RequestAsync(IPAddress address, int port)
    {
        using var client = NetworkNamespace.Run(_node.Name, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        var buffer = new byte[64];
        int total = 0;
        while (true)
        {
            int read = await client.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return Encoding.ASCII.GetString(buffer, 0, total);
    }
}
