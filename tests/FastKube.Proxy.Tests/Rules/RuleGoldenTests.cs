using FastKube.Api.Tests.Serialization.MessagePack;
using FastKube.Dataplane.Kernel.NfTables;
using static FastKube.Proxy.Tests.ProxyObjects;

namespace FastKube.Proxy.Tests.Rules;

/// <summary>The generated rules as nft text, compared with committed golden files (scripts/regen-golden rewrites them).</summary>
public sealed class RuleGoldenTests
{
    [Fact]
    public void Sync_FirstFullSyncOfScenario_MatchesGoldenScriptAndListing()
    {
        var h = new ProxyHarness();
        Scenario.Load(h.Proxier);

        var outcome = h.Sync();

        Assert.True(outcome.Full);
        Golden.Check("tests/FastKube.Proxy.Tests/testdata/full-sync.nft", h.Nf.LastTransaction!.ToString());
        Golden.Check("tests/FastKube.Proxy.Tests/testdata/full-sync.list", h.Nf.Dump());
    }

    [Fact]
    public void Sync_OneEndpointReplaced_PartialTransactionMatchesGolden()
    {
        var h = new ProxyHarness();
        Scenario.Load(h.Proxier);
        h.Sync();
        h.Proxier.Endpoints.Update(Slice("sticky", "sticky-1", 8080, "TCP", Ready("10.244.1.7"), Ready("10.244.3.3")));

        var outcome = h.Sync();

        Assert.False(outcome.Full);
        Golden.Check("tests/FastKube.Proxy.Tests/testdata/partial-endpoint-replaced.nft", h.Nf.LastTransaction!.ToString());
    }

    [Fact]
    public void Sync_NodePortAddressesRestricted_DispatchesThroughNodePortIpSet()
    {
        var h = new ProxyHarness(c => c with { NodePortIps = [System.Net.IPAddress.Parse("192.168.1.1")] });
        h.Proxier.Services.Update(Service("np", "10.96.0.11", spec => spec.Type = "NodePort", Port(80, nodePort: 30080)));
        h.Proxier.Endpoints.Update(Slice("np", "np-1", 8080, "TCP", Ready("10.244.1.6")));

        h.Sync();

        string dump = h.Nf.Dump();
        Assert.Contains("ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports", dump, StringComparison.Ordinal);
        Assert.Contains("elements = { 192.168.1.1 }", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("fib daddr", dump, StringComparison.Ordinal);
        Assert.Null(h.Nf.LastTransaction!.Error);
        Assert.Equal(NfFamily.Ip, h.Nf.LastTransaction.Table.Family);
    }
}
