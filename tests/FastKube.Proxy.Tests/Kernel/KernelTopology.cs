using System.Net;
using System.Net.Sockets;
using System.Text;
using FastKube.Dataplane.Kernel.Conntrack;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Dataplane.Kernel.Tests.Kernel;
using FastKube.Netlink;
using FastKube.Proxy.Rules;
using FastKube.Proxy.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastKube.Proxy.Tests.Kernel;

/// <summary>
/// A small real network, one namespace per role: a "node" (bridge br0 10.244.0.1/24 for the pods, vclient
/// 192.168.50.1/24 toward the client, forwarding on) that runs the proxier against its own nf_tables through
/// netlink; three "pods" (10.244.0.2-4) with TCP and UDP listeners answering their own address; and a
/// "client" (192.168.50.2, routed through the node) that is off-cluster, so ClusterIP, NodePort and reject
/// are all seen from outside the node.
/// </summary>
internal sealed class KernelTopology : IDisposable
{
    public static readonly IPAddress NodeIp = IPAddress.Parse("192.168.50.1");
    public static readonly IPAddress[] Pods = [IPAddress.Parse("10.244.0.2"), IPAddress.Parse("10.244.0.3"), IPAddress.Parse("10.244.0.4")];

    private readonly List<TestNamespace> _namespaces = [];
    private readonly CancellationTokenSource _stop = new();

    public KernelTopology()
    {
        try
        {
            Node = Add();
            Client = Add();
            Ip(Node, "link", "add", "br0", "type", "bridge");
            Ip(Node, "addr", "add", "10.244.0.1/24", "dev", "br0");
            Ip(Node, "link", "set", "br0", "up");
            for (int i = 0; i < Pods.Length; i++)
            {
                var pod = Add();
                PodNamespaces.Add(pod);
                Ip(Node, "link", "add", $"vpod{i}", "type", "veth", "peer", "name", "eth0", "netns", pod.Name);
                Ip(Node, "link", "set", $"vpod{i}", "master", "br0", "up");
                Ip(pod, "addr", "add", Pods[i] + "/24", "dev", "eth0");
                Ip(pod, "link", "set", "eth0", "up");
                Ip(pod, "route", "add", "default", "via", "10.244.0.1");
            }

            Ip(Node, "link", "add", "vclient", "type", "veth", "peer", "name", "eth0", "netns", Client.Name);
            Ip(Node, "addr", "add", NodeIp + "/24", "dev", "vclient");
            Ip(Node, "link", "set", "vclient", "up");
            Ip(Client, "addr", "add", "192.168.50.2/24", "dev", "eth0");
            Ip(Client, "link", "set", "eth0", "up");
            Ip(Client, "route", "add", "default", "via", NodeIp.ToString());
            Tools.Check("ip", "netns", "exec", Node.Name, "sysctl", "-qw", "net.ipv4.ip_forward=1");

            // A node has a default route; without one, a ClusterIP nobody DNATs is unroutable before any filter hook sees it.
            Ip(Node, "route", "add", "default", "via", "192.168.50.2");

            Nf = NetlinkNfTables.Open(Node.Name);
            Conntrack = NetlinkConntrack.Open(Node.Name);
            var context = new RuleContext("node-a", 0x4000) { ClusterCidrs = [IPNetwork.Parse("10.244.0.0/16")] };
            Proxier = new NftablesProxier(context, Nf, Conntrack, TimeSpan.FromSeconds(30), NullLogger.Instance, TimeProvider.System);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public TestNamespace Node { get; } = null!;

    public TestNamespace Client { get; } = null!;

    public List<TestNamespace> PodNamespaces { get; } = [];

    public NetlinkNfTables Nf { get; } = null!;

    public NetlinkConntrack Conntrack { get; } = null!;

    public NftablesProxier Proxier { get; } = null!;

    public void Sync()
    {
        var outcome = Proxier.Sync();
        Assert.True(outcome.Succeeded, outcome.Error);
    }

    /// <summary>In every pod: a TCP listener on :8080 and a UDP responder on :5353 that answer with the pod's address.</summary>
    public void StartListeners()
    {
        for (int i = 0; i < Pods.Length; i++)
        {
            var address = Pods[i];
            var answer = Encoding.ASCII.GetBytes(address.ToString());
            var (tcp, udp) = NetworkNamespace.Run(PodNamespaces[i].Name, () =>
            {
                var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(address, 8080));
                listener.Listen(128);
                var datagram = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                datagram.Bind(new IPEndPoint(address, 5353));
                return (listener, datagram);
            });
            var token = _stop.Token;
            token.Register(tcp.Dispose);
            token.Register(udp.Dispose);
            _ = Task.Run(() => ServeTcpAsync(tcp, answer, token), token);
            _ = Task.Run(() => ServeUdpAsync(udp, answer, token), token);
        }
    }

    /// <summary>Connects from the client namespace and reads the answering pod's address.</summary>
    public async Task<string> RequestTcpAsync(IPAddress address, int port)
    {
        using var client = NetworkNamespace.Run(Client.Name, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        var buffer = new byte[64];
        int total = 0;
        for (int read; (read = await client.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, timeout.Token)) > 0;)
        {
            total += read;
        }

        return Encoding.ASCII.GetString(buffer, 0, total);
    }

    /// <summary>A client UDP socket bound to a fixed port, so consecutive datagrams are one conntrack flow.</summary>
    public Socket UdpClient(int sourcePort) => NetworkNamespace.Run(Client.Name, () =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse("192.168.50.2"), sourcePort));
        return socket;
    });

    public static async Task<string> AskUdpAsync(Socket socket, IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendToAsync(Encoding.ASCII.GetBytes("who"), SocketFlags.None, new IPEndPoint(address, port), timeout.Token);
        var buffer = new byte[64];
        var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, result.ReceivedBytes);
    }

    public void Dispose()
    {
        _stop.Cancel();
        Nf?.Dispose();
        Conntrack?.Dispose();
        foreach (var ns in _namespaces)
        {
            ns.Dispose();
        }

        _stop.Dispose();
    }

    private TestNamespace Add()
    {
        var ns = new TestNamespace();
        _namespaces.Add(ns);
        return ns;
    }

    private static void Ip(TestNamespace ns, params string[] arguments) => Tools.Check("ip", ["-n", ns.Name, .. arguments]);

    private static async Task ServeTcpAsync(Socket listener, byte[] answer, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                using var connection = await listener.AcceptAsync(token);
                await connection.SendAsync(answer, SocketFlags.None, token);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private static async Task ServeUdpAsync(Socket socket, byte[] answer, CancellationToken token)
    {
        var buffer = new byte[64];
        while (!token.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), token);
                await socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint, token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
