using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FastKube.Balancer.Configuration;
using FastKube.Balancer.Tests.Support;

namespace FastKube.Balancer.Tests.Tcp;

/// <summary>
/// The transparent listener in a fresh network namespace: the test (never the product) installs an nf_tables
/// redirect of two virtual IPs to the one listener; the original destination picks the frontend. Backends
/// stay on the host's loopback (the balancer's upstream sockets are created outside the namespace).
/// </summary>
public sealed class TransparentModeTests
{
    private static readonly IPEndPoint Web = new(IPAddress.Parse("10.96.0.10"), 80);
    private static readonly IPEndPoint Api = new(IPAddress.Parse("10.96.0.11"), 8080);
    private static readonly IPEndPoint Unknown = new(IPAddress.Parse("10.96.0.12"), 80);

    [NetnsFact]
    public async Task Transparent_TwoVirtualIps_OneListenerServesEachFromItsOwnBackends()
    {
        using var netns = Netns.Create();
        netns.Exec(Netns.Ip, ["addr", "add", "10.96.0.10/32", "dev", "lo"]);
        netns.Exec(Netns.Ip, ["addr", "add", "10.96.0.11/32", "dev", "lo"]);
        netns.Exec(Netns.Ip, ["addr", "add", "10.96.0.12/32", "dev", "lo"]);
        using var web = new TestBackend(socket => Reply(socket, "web"));
        using var api = new TestBackend(socket => Reply(socket, "api"));
        await using var balancer = Balancers.Create(new ManualClock());
        var config = new BalancerConfig(
            [
                new FrontendConfig("web", L4Protocol.Tcp, [new BackendConfig(web.EndPoint)]) { VirtualAddress = Web },
                new FrontendConfig("api", L4Protocol.Tcp, [new BackendConfig(api.EndPoint)]) { VirtualAddress = Api },
            ],
            TransparentListen: new IPEndPoint(IPAddress.Loopback, 0));
        var port = netns.Run(() =>
        {
            balancer.Apply(config);
            return balancer.TransparentEndPoint!.Port;
        });
        netns.Exec(Netns.Nft, ["-f", "-"], string.Create(CultureInfo.InvariantCulture, $$"""
            table ip fastkube_test {
              chain output {
                type nat hook output priority -100; policy accept;
                ip daddr { 10.96.0.10, 10.96.0.11, 10.96.0.12 } tcp dport { 80, 8080 } redirect to :{{port}}
              }
            }
            """));

        Assert.Equal("web", await AskAsync(netns, Web));
        Assert.Equal("api", await AskAsync(netns, Api));
        Assert.Equal("web", await AskAsync(netns, Web));
        Assert.Equal((2, 1), (web.Accepted, api.Accepted));

        // Redirected, but no frontend has that virtual address: reset, nothing reaches a backend.
        Assert.Equal("", await AskAsync(netns, Unknown));
        Assert.Equal((2, 1), (web.Accepted, api.Accepted));
    }

    private static async Task Reply(Socket socket, string name)
    {
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(name), SocketFlags.None);
        socket.Shutdown(SocketShutdown.Send);
        await Clients.ReadToEndAsync(socket);
    }

    private static async Task<string> AskAsync(Netns netns, IPEndPoint virtualAddress)
    {
        using var client = netns.Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(virtualAddress);
            return socket;
        });
        var (data, _) = await Clients.ReadToEndAsync(client);
        return data;
    }
}
