using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FastKube.Balancer.Configuration;

namespace FastKube.Bench.L4;

/// <summary>
/// A proxy in its own process pinned to the proxy CPU, with two TCP frontends: <c>echo</c> (round robin over
/// the echo backends) and <c>bulk</c> (the iperf3 server). Either HAProxy with a generated config or
/// <c>fastkube balancer-bench-server</c>.
/// </summary>
internal sealed class ProxyUnderTest : IDisposable
{
    private ProxyUnderTest(string name, ChildProcess process, IPEndPoint echo, IPEndPoint bulk)
    {
        Name = name;
        Process = process;
        Echo = echo;
        Bulk = bulk;
    }

    public string Name { get; }

    public ChildProcess Process { get; }

    public IPEndPoint Echo { get; }

    public IPEndPoint Bulk { get; }

    public const string HaproxyPath = "/usr/sbin/haproxy";

    /// <summary>
    /// HAProxy as the equivalent TCP proxy: mode tcp, round robin, one thread, no log lines (so no logging),
    /// no splicing (the Pipelines path copies through user space too), maxconn just above the idle-connection phase
    /// (HAProxy refuses to start when maxconn needs more descriptors than the limit allows).
    /// </summary>
    public static async Task<ProxyUnderTest> StartHaproxyAsync(int cpu, string workDirectory, int maxConnections, IReadOnlyList<IPEndPoint> echoBackends, IPEndPoint bulkBackend, CancellationToken cancellationToken)
    {
        var echo = new IPEndPoint(IPAddress.Loopback, FreePort());
        var bulk = new IPEndPoint(IPAddress.Loopback, FreePort());
        var config = Path.Combine(workDirectory, "haproxy.cfg");
        var servers = string.Concat(echoBackends.Select((b, i) => $"    server echo{i} {b}\n"));
        await File.WriteAllTextAsync(config, $"""
            global
                nbthread 1
                maxconn {maxConnections}

            defaults
                mode tcp
                timeout connect 5s
                timeout client 1h
                timeout server 1h

            frontend echo
                bind {echo}
                default_backend echo

            backend echo
                balance roundrobin
            {servers}
            frontend bulk
                bind {bulk}
                default_backend bulk

            backend bulk
                server iperf {bulkBackend}

            """, cancellationToken).ConfigureAwait(false);
        var process = ChildProcess.Start(cpu, HaproxyPath, ["-db", "-f", config]);
        try
        {
            await process.WaitListeningAsync(echo, cancellationToken).ConfigureAwait(false);
            await process.WaitListeningAsync(bulk, cancellationToken).ConfigureAwait(false);
            return new ProxyUnderTest("haproxy", process, echo, bulk);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public static async Task<ProxyUnderTest> StartFastKubeAsync(int cpu, TcpRelay relay, IReadOnlyList<IPEndPoint> echoBackends, IPEndPoint bulkBackend, CancellationToken cancellationToken)
    {
        var (file, prefix) = FastKubeCommand();
        var process = ChildProcess.Start(cpu, file,
        [
            .. prefix,
            BalancerBenchServerCommand.Name,
            "--relay", relay.ToString(),
            "--frontend", $"echo=127.0.0.1:0={string.Join(',', echoBackends)}",
            "--frontend", $"bulk=127.0.0.1:0={bulkBackend}",
        ], ChildEnvironment());
        try
        {
            var echo = await process.WaitForAddressAsync(line => BalancerBenchServerCommand.ParseReady(line) is ("echo", var a) ? a : null, cancellationToken).ConfigureAwait(false);
            var bulk = await process.WaitForAddressAsync(line => BalancerBenchServerCommand.ParseReady(line) is ("bulk", var a) ? a : null, cancellationToken).ConfigureAwait(false);
            return new ProxyUnderTest(relay == TcpRelay.Pipelines ? "fastkube" : "fastkube_copy", process, echo, bulk);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>How to run this very build of fastkube: its apphost when present, else <c>dotnet fastkube.dll</c> (as under the test host).</summary>
    internal static (string File, string[] Prefix) FastKubeCommand()
    {
        var assembly = typeof(ProxyUnderTest).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, null);
        if (File.Exists(apphost))
        {
            return (apphost, []);
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return (string.IsNullOrEmpty(dotnet) ? "dotnet" : dotnet, [assembly]);
    }

    private static Dictionary<string, string> ChildEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "DOTNET_GCgen0size" })
        {
            if (System.Environment.GetEnvironmentVariable("L4_" + name) is { } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Process.Id})");

    public void Dispose() => Process.Dispose();
}
