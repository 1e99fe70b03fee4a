using System.Net;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.ApiServer.Services;

namespace FastKube.ApiServer.Tests.Services;

public sealed class ServiceAllocatorTests
{
    private readonly ServiceAllocator _allocator = new(IPNetwork.Parse("10.96.0.0/28"), new PortRange(30000, 4));

    [Fact]
    public void Allocate_NoClusterIP_TakesOneFromTheUpperBandAndSetsTheFamilyFields()
    {
        var service = Svc("a");

        Assert.Null(_allocator.Allocate(service, null, dryRun: false, out _));

        var ip = IPAddress.Parse(service.Spec!.ClusterIP!);
        Assert.True(IPNetwork.Parse("10.96.0.0/28").Contains(ip));
        Assert.NotEqual(IPAddress.Parse("10.96.0.0"), ip);
        Assert.NotEqual(IPAddress.Parse("10.96.0.15"), ip);
        Assert.Equal([service.Spec.ClusterIP!], service.Spec.ClusterIPs);
        Assert.Equal(["IPv4"], service.Spec.IPFamilies);
        Assert.Equal("SingleStack", service.Spec.IPFamilyPolicy);
        Assert.Equal(IPAddress.Parse("10.96.0.1"), _allocator.KubernetesServiceIP);
    }

    [Fact]
    public void Allocate_WholeRange_EveryAddressOnceThenFull()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 14; i++)
        {
            var service = Svc("s" + i);
            Assert.Null(_allocator.Allocate(service, null, dryRun: false, out _));
            Assert.True(seen.Add(service.Spec!.ClusterIP!), "handed out twice: " + service.Spec.ClusterIP);
        }

        var full = _allocator.Allocate(Svc("one-too-many"), null, dryRun: false, out _);

        Assert.Equal(500, full!.Code);
        Assert.Equal("Internal error occurred: failed to allocate a serviceIP: range is full", full.Message);
    }

    [Fact]
    public void Allocate_RequestedTakenOrOutsideTheRange_NamesTheIPAndTheRange()
    {
        Assert.Null(_allocator.Allocate(Svc("first", clusterIP: "10.96.0.5"), null, dryRun: false, out _));

        var taken = _allocator.Allocate(Svc("second", clusterIP: "10.96.0.5"), null, dryRun: false, out _);
        var outside = _allocator.Allocate(Svc("third", clusterIP: "10.0.0.1"), null, dryRun: false, out _);

        Assert.Equal(422, taken!.Code);
        Assert.Equal("Service \"second\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.5\"}: failed to allocate IP 10.96.0.5: provided IP is already allocated", taken.Message);
        Assert.Equal("Service \"third\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.0.0.1\"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/28", outside!.Message);
    }

    [Fact]
    public void ReleaseAndDryRun_GiveAddressesBack()
    {
        Assert.Null(_allocator.Allocate(Svc("dry", clusterIP: "10.96.0.7"), null, dryRun: true, out _));
        var kept = Svc("kept", clusterIP: "10.96.0.7");
        Assert.Null(_allocator.Allocate(kept, null, dryRun: false, out var reservation));
        _allocator.Release(reservation);
        Assert.Null(_allocator.Allocate(Svc("again", clusterIP: "10.96.0.7"), null, dryRun: false, out _));
        var deleted = Svc("deleted", clusterIP: "10.96.0.8");
        Assert.Null(_allocator.Allocate(deleted, null, dryRun: false, out _));

        _allocator.ReleaseUnused(deleted, null);

        Assert.Null(_allocator.Allocate(Svc("reused", clusterIP: "10.96.0.8"), null, dryRun: false, out _));
    }

    [Fact]
    public void Allocate_NodePorts_RequestedAndDynamicThenTypeChangeReleasesThem()
    {
        var service = Svc("np", type: "NodePort", ports: [0, 30002]);
        Assert.Null(_allocator.Allocate(service, null, dryRun: false, out _));
        Assert.Equal(30002, service.Spec!.Ports![1].NodePort);
        Assert.InRange(service.Spec.Ports[0].NodePort!.Value, 30000, 30003);

        var clash = _allocator.Allocate(Svc("clash", type: "NodePort", ports: [30002]), null, dryRun: false, out _);
        var outside = _allocator.Allocate(Svc("outside", type: "NodePort", ports: [8080]), null, dryRun: false, out _);
        Assert.Equal("Service \"clash\" is invalid: spec.ports[0].nodePort: Invalid value: 30002: provided port is already allocated", clash!.Message);
        Assert.Equal("Service \"outside\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-30003", outside!.Message);

        var clusterOnly = Svc("np", type: "ClusterIP", ports: [service.Spec.Ports[0].NodePort!.Value, 30002]);
        clusterOnly.Spec!.ClusterIP = service.Spec.ClusterIP;
        Assert.Null(_allocator.Allocate(clusterOnly, service, dryRun: false, out _));
        _allocator.ReleaseUnused(service, clusterOnly);

        Assert.All(clusterOnly.Spec.Ports!, p => Assert.Null(p.NodePort));
        Assert.Null(_allocator.Allocate(Svc("reuse", type: "NodePort", ports: [30002]), null, dryRun: false, out _));
    }

    [Fact]
    public void Allocate_DynamicNodePortBeforeARequestedOne_NeverTakesTheRequestedPort()
    {
        var allocator = new ServiceAllocator(IPNetwork.Parse("10.96.0.0/28"), new PortRange(30000, 2));
        var service = Svc("np", type: "NodePort", ports: [0, 30000]);

        Assert.Null(allocator.Allocate(service, null, dryRun: false, out _));

        Assert.Equal([30001, 30000], service.Spec!.Ports!.Select(p => p.NodePort!.Value));
    }

    [Fact]
    public void Load_StoredServices_AreNotHandedOutAgain()
    {
        _allocator.Load([Svc("stored", clusterIP: "10.96.0.9", type: "NodePort", ports: [30001])]);

        var ip = _allocator.Allocate(Svc("ip", clusterIP: "10.96.0.9"), null, dryRun: false, out _);
        var port = _allocator.Allocate(Svc("port", type: "NodePort", ports: [30001]), null, dryRun: false, out _);

        Assert.Contains("provided IP is already allocated", ip!.Message, StringComparison.Ordinal);
        Assert.Contains("provided port is already allocated", port!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocate_ConcurrentCreates_NeverShareAnAddress()
    {
        var allocator = new ServiceAllocator(IPNetwork.Parse("10.96.0.0/20"), PortRange.Default);
        var services = Enumerable.Range(0, 2000).Select(i => Svc("c" + i)).ToArray();

        await Task.WhenAll(services.Select(s => Task.Run(() => Assert.Null(allocator.Allocate(s, null, dryRun: false, out _)))));

        Assert.Equal(services.Length, services.Select(s => s.Spec!.ClusterIP).Distinct().Count());
    }

    [Theory]
    [InlineData("30000-32767", 30000, 2768)]
    [InlineData("80-80", 80, 1)]
    public void PortRange_Parse(string text, int low, int size)
    {
        Assert.True(PortRange.TryParse(text, out var range));
        Assert.Equal(new PortRange(low, size), range);
        Assert.Equal(text, range.ToString());
    }

    [Theory]
    [InlineData("32767-30000")]
    [InlineData("0-10")]
    [InlineData("30000")]
    [InlineData("a-b")]
    public void PortRange_Malformed_IsRefused(string text) => Assert.False(PortRange.TryParse(text, out _));

    private static Service Svc(string name, string? clusterIP = null, string type = "ClusterIP", int[]? ports = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ServiceSpec
        {
            Type = type,
            ClusterIP = clusterIP,
            Ports = (ports ?? [0]).Select((nodePort, i) => new ServicePort { Port = 80 + i, Protocol = "TCP", NodePort = nodePort == 0 ? null : nodePort }).ToList(),
        },
    };
}
