using System.Net;
using System.Net.Sockets;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.ApiServer.Tests.Hosting;
using FastKube.Client;
using FastKube.Dataplane.Kernel.Testing;
using FastKube.Proxy.Configuration;
using FastKube.Proxy.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using static FastKube.Proxy.Tests.ProxyObjects;

namespace FastKube.Proxy.Tests;

/// <summary>The whole proxy against the in-process API server, with the in-memory nf_tables model.</summary>
public sealed class ServiceProxyTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private KubeClient _client = null!;

    public async Task InitializeAsync()
    {
        // The health-check node port is a free port of this host, so any port must be allocatable.
        _cluster = await TestCluster.StartAsync(options => options with { ServiceNodePortRange = "1-65535" });
        _client = KubeClient.FromKubeconfig(_cluster.KubeconfigPath, options: new KubeClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_ServiceAndSliceCreated_ProgrammedAndServedOnHealthzMetricsAndHealthCheckPort()
    {
        var nf = new FakeNfTables();
        int healthPort = FreePort();
        var config = KubeProxyConfiguration.Default with
        {
            HostnameOverride = ProxyObjects.Node,
            MetricsBindAddress = "127.0.0.1:0",
            HealthzBindAddress = "127.0.0.1:0",
            BindAddress = IPAddress.Loopback,
            MinSyncPeriod = TimeSpan.FromMilliseconds(50),
        };
        await using var proxy = await ServiceProxy.StartAsync(_client, config, nf, new FakeConntrack(), NullLoggerFactory.Instance, null, CancellationToken.None);

        var service = Rules.Scenario.WithIngress(Service("lb", "10.96.0.50", spec =>
        {
            spec.Type = ServiceTypes.LoadBalancer;
            spec.ExternalTrafficPolicy = "Local";
            spec.HealthCheckNodePort = healthPort;
        }, Port(80, nodePort: 30080)), "192.0.2.10");
        var created = await _client.Resource<Service>().CreateAsync(service);
        created.Status = service.Status;
        await _client.Resource<Service>().UpdateStatusAsync(created);
        var slice = Slice("lb", "lb-1", 8080, "TCP", Ready("10.244.2.7"));
        slice.Metadata!.Annotations = new() { ["endpoints.kubernetes.io/last-change-trigger-time"] = DateTimeOffset.UtcNow.ToString("o") };
        await _client.Resource<EndpointSlice>().CreateAsync(slice);

        await Until(() => nf.Dump().Contains("10.96.0.50 . tcp . 80 : goto service-", StringComparison.Ordinal));
        await Until(async () => (await Get(healthPort, "/")).Status == HttpStatusCode.ServiceUnavailable);

        await _client.Resource<EndpointSlice>().CreateAsync(Slice("lb", "lb-2", 8080, "TCP", Ready("10.244.0.4", ProxyObjects.Node)));
        await Until(async () => (await Get(healthPort, "/")).Status == HttpStatusCode.OK);

        var (healthz, healthzBody) = await Get(proxy.HealthzEndPoint!.Port, "/healthz");
        var (_, metrics) = await Get(proxy.MetricsEndPoint!.Port, "/metrics");
        var (_, check) = await Get(healthPort, "/");
        Assert.Equal(HttpStatusCode.OK, healthz);
        Assert.Contains("\"lastUpdated\": \"20", healthzBody, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_sync_proxy_rules_duration_seconds_count ", metrics, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_sync_full_proxy_rules_duration_seconds_count 1", metrics, StringComparison.Ordinal);
        Assert.Contains("kubeproxy_network_programming_duration_seconds_count", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("kubeproxy_network_programming_duration_seconds_count 0", metrics, StringComparison.Ordinal);
        // lb's ClusterIP and ingress IP, and the API server's own kubernetes Service.
        Assert.Contains("fastkube_proxy_nftables_map_elements{map=\"service-ips\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("\"localEndpoints\":1", check, StringComparison.Ordinal);
    }

    [Fact]
    public void Cleanup_TableThere_Removed()
    {
        var nf = new FakeNfTables();
        Assert.Null(nf.Apply(new Dataplane.Kernel.NfTables.NfTransaction(ProxyTable.Table).AddTable()));

        Assert.Null(ServiceProxy.Cleanup(nf));

        Assert.Empty(nf.ListTables());
    }

    private static async Task<(HttpStatusCode Status, string Body)> Get(int port, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return (0, "");
        }
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !await condition(); await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 60 s");
        }
    }
}
