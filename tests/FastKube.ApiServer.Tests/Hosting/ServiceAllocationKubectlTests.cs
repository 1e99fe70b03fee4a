using System.Net;

namespace FastKube.ApiServer.Tests.Hosting;

/// <summary>ClusterIP and node port allocation and the <c>kubernetes</c> Service, through the installed kubectl.</summary>
public sealed class ServiceAllocationKubectlTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task GetSvcKubernetes_FirstAddressOfTheRangeToTheSecurePort()
    {
        var ip = await Kubectl("get", "svc", "kubernetes", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].port} {.spec.ports[0].targetPort}");
        var slice = await Kubectl("get", "endpointslice", "kubernetes", "-o", "jsonpath={.endpoints[0].conditions.ready} {.ports[0].port}");

        Assert.Equal($"10.96.0.1 443 {_cluster.Host.Address.Port}", ip);
        Assert.Equal($"true {_cluster.Host.Address.Port}", slice);
    }

    [Fact]
    public async Task CreateService_ClusterIPAndNodePortAllocated_RequestedPortClashIsRefused()
    {
        await Kubectl("create", "service", "clusterip", "web", "--tcp=80:8080");
        await Kubectl("create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080");

        var clusterIP = IPAddress.Parse(await Kubectl("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}"));
        var nodePort = await Kubectl("get", "svc", "np", "-o", "jsonpath={.spec.ports[0].nodePort} {.spec.ipFamilies[0]} {.spec.ipFamilyPolicy}");
        var (exit, _, error) = await _cluster.Kubectl(null, "create", "service", "nodeport", "np2", "--tcp=80:8080", "--node-port=30080");

        Assert.True(IPNetwork.Parse("10.96.0.0/12").Contains(clusterIP), clusterIP.ToString());
        Assert.NotEqual(IPAddress.Parse("10.96.0.1"), clusterIP);
        Assert.Equal("30080 IPv4 SingleStack", nodePort);
        Assert.NotEqual(0, exit);
        Assert.Contains("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteService_ItsClusterIPCanBeRequestedAgain()
    {
        await Kubectl("create", "service", "clusterip", "first", "--tcp=80:8080");
        var ip = await Kubectl("get", "svc", "first", "-o", "jsonpath={.spec.clusterIP}");
        var (clashExit, _, clash) = await _cluster.Kubectl(null, "create", "service", "clusterip", "second", "--tcp=80:8080", "--clusterip=" + ip);

        await Kubectl("delete", "svc", "first");
        await Kubectl("create", "service", "clusterip", "second", "--tcp=80:8080", "--clusterip=" + ip);

        Assert.NotEqual(0, clashExit);
        Assert.Contains($"failed to allocate IP {ip}: provided IP is already allocated", clash, StringComparison.Ordinal);
        Assert.Equal(ip, await Kubectl("get", "svc", "second", "-o", "jsonpath={.spec.clusterIP}"));
    }

    private async Task<string> Kubectl(params string[] args)
    {
        var (exit, output, error) = await _cluster.Kubectl(null, args);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', args)}: {error}");
        return output.Trim();
    }
}
