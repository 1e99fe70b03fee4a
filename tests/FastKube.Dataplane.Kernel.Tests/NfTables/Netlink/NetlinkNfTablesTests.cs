using System.Net;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Dataplane.Kernel.Tests.Kernel;

namespace FastKube.Dataplane.Kernel.Tests.NfTables.Netlink;

/// <summary>Transactions applied to the real kernel in a fresh network namespace, read back by the stock nft tool.</summary>
public sealed class NetlinkNfTablesTests : IDisposable
{
    private readonly TestNamespace _ns = new();

    public void Dispose() => _ns.Dispose();

    [KernelFact]
    public void Apply_ProxyShapedTransaction_NftListsEveryRuleAsRendered()
    {
        using var nf = NetlinkNfTables.Open(_ns.Name);
        var tx = SampleTransactions.TwoEndpointService();

        var error = nf.Apply(tx);

        Assert.Null(error);
        string listed = _ns.NftList();
        foreach (var rule in tx.Operations.OfType<NfRuleOperation>())
        {
            var expected = new System.Text.StringBuilder();
            FastKube.Dataplane.Kernel.NfTables.Text.NfTextRenderer.AppendRule(expected, NfFamily.Inet, rule.Rule, listing: true);
            Assert.True(listed.Contains("\t\t" + expected + "\n", StringComparison.Ordinal), $"nft did not list \"{expected}\":\n{listed}");
        }

        Assert.Contains("type ipv4_addr . inet_proto . inet_service : verdict", listed);
        Assert.Contains("10.96.0.10 . tcp . 80 : goto svc-web", listed);
        Assert.Contains("type nat hook prerouting priority dstnat; policy accept;", listed);
    }
}
