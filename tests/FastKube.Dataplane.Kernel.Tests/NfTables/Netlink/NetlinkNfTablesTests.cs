using System.Net;
using System.Text;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Dataplane.Kernel.NfTables.Text;
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
            var expected = new StringBuilder();
            NfTextRenderer.AppendRule(expected, NfFamily.Inet, rule.Rule, listing: true);
            Assert.True(listed.Contains("\t\t" + expected + "\n", StringComparison.Ordinal), $"nft did not list \"{expected}\":\n{listed}");
        }

        Assert.Contains("type ipv4_addr . inet_proto . inet_service : verdict", listed, StringComparison.Ordinal);
        Assert.Contains("10.96.0.10 . tcp . 80 : goto svc-web", listed, StringComparison.Ordinal);
        Assert.Contains("type nat hook prerouting priority dstnat; policy accept;", listed, StringComparison.Ordinal);
    }

    [KernelFact]
    public void Apply_SameTransactionAsNftScript_ListsExactlyLikeNftLoadedIt()
    {
        using var other = new TestNamespace();
        using var nf = NetlinkNfTables.Open(_ns.Name);
        var tx = SampleTransactions.TwoEndpointService();

        Assert.Null(nf.Apply(tx));
        var (code, output) = Tools.RunWithInput(tx.ToString(), "ip", "netns", "exec", other.Name, "nft", "-f", "-");

        Assert.True(code == 0, output);
        Assert.Equal(other.NftList(), _ns.NftList());
        Assert.Equal(other.NftList("-j"), _ns.NftList("-j"));
    }

    [KernelFact]
    public void Apply_PrefixAndFibMatches_ListsExactlyLikeNftLoadedIt()
    {
        using var other = new TestNamespace();
        using var nf = NetlinkNfTables.Open(_ns.Name);
        var tx = SampleTransactions.TwoEndpointService(SampleTransactions.PrefixAndFibRules);

        Assert.Null(nf.Apply(tx));
        var (code, output) = Tools.RunWithInput(tx.ToString(), "ip", "netns", "exec", other.Name, "nft", "-f", "-");

        Assert.True(code == 0, output);
        string listed = _ns.NftList();
        Assert.Equal(other.NftList(), listed);
        Assert.Equal(other.NftList("-j"), _ns.NftList("-j"));
        Assert.Contains("ip saddr != 10.244.0.0/16 jump svc-web", listed, StringComparison.Ordinal);
        Assert.Contains("ip daddr 10.96.0.0/12 accept", listed, StringComparison.Ordinal);
        Assert.Contains("fib daddr type local meta l4proto . th dport vmap @service-nodeports", listed, StringComparison.Ordinal);
        Assert.Contains("fib daddr type != local return", listed, StringComparison.Ordinal);
    }

    [KernelFact]
    public void Dump_AfterApply_ReadsBackChainsSetsAndElements()
    {
        using var nf = NetlinkNfTables.Open(_ns.Name);
        Assert.Null(nf.Apply(SampleTransactions.TwoEndpointService()));

        var snapshot = nf.Dump(SampleTransactions.Table);

        Assert.NotNull(snapshot);
        Assert.Contains(SampleTransactions.Table, nf.ListTables());
        Assert.Equal(new NfBaseChain(NfChainType.Nat, NfHook.Prerouting, -100), snapshot.Chain("nat-prerouting")?.Chain.Base);
        Assert.Equal(3, snapshot.Chain("svc-web")?.RuleCount);
        Assert.Null(snapshot.Chain("svc-web")?.Chain.Base);
        var map = snapshot.Set("service-ips");
        Assert.NotNull(map);
        Assert.Equal([NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService], map.Set.Key);
        Assert.Equal(NfDataType.Verdict, map.Set.Data);
        var element = Assert.Single(map.Elements);
        Assert.Equal(SampleTransactions.ServiceKey(SampleTransactions.ClusterIp, NfValue.Tcp, 80), element.Key);
        Assert.Equal(NfVerdict.Goto("svc-web"), element.Verdict);
        var affinity = snapshot.Set("affinity-web")!.Set;
        Assert.True(affinity.Timeouts && affinity.Dynamic);
        Assert.Equal(TimeSpan.FromHours(3), affinity.DefaultTimeout);
        Assert.DoesNotContain(snapshot.Sets, s => s.Set.Name.StartsWith("__", StringComparison.Ordinal));
        Assert.Null(nf.Dump(new NfTableRef(NfFamily.Ip, "absent")));
    }

    [KernelFact]
    public void Apply_BatchWithOneBadRule_ChangesNothingAndNamesTheOperation()
    {
        using var nf = NetlinkNfTables.Open(_ns.Name);
        Assert.Null(nf.Apply(SampleTransactions.TwoEndpointService()));
        string before = _ns.NftList();
        var tx = new NfTransaction(SampleTransactions.Table)
            .AddChain(new NfChain("svc-new"))
            .AddElements("service-ips", [new NfElement(SampleTransactions.ServiceKey(IPAddress.Parse("10.96.0.11"), NfValue.Tcp, 80), NfVerdict.Goto("svc-new"))])
            .FlushChain("svc-web")
            .AddRule(new NfRule("svc-new", [new NfVerdictStatement(NfVerdict.Jump("no-such-chain"))]))
            .AddRule(new NfRule("svc-new", [new NfCounter()]));

        var error = nf.Apply(tx);

        Assert.NotNull(error);
        Assert.Equal(2, error.Errno);
        Assert.Equal(3, error.Operation);
        Assert.Contains("add rule inet fastkube-test svc-new jump no-such-chain", error.Message, StringComparison.Ordinal);
        Assert.Contains("ENOENT", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _ns.NftList());
    }

    [KernelFact]
    public void Apply_InvalidBaseChain_SurfacesKernelExtendedAck()
    {
        using var nf = NetlinkNfTables.Open(_ns.Name);
        var tx = new NfTransaction(SampleTransactions.Table)
            .AddTable()
            .AddChain(new NfChain("bad", new NfBaseChain(NfChainType.Nat, NfHook.Forward, 0)));

        var error = nf.Apply(tx);

        Assert.NotNull(error);
        Assert.Equal(1, error.Operation);
        Assert.True(error.Errno is 95 or 22, error.Message);
        Assert.DoesNotContain(SampleTransactions.Table, nf.ListTables());
    }

    [KernelFact]
    public void Apply_DeleteAndAddElements_ChangesOnlyThoseElements()
    {
        using var nf = NetlinkNfTables.Open(_ns.Name);
        Assert.Null(nf.Apply(SampleTransactions.TwoEndpointService()));
        var added = SampleTransactions.ServiceKey(IPAddress.Parse("10.96.0.12"), NfValue.Udp, 53);

        var error = nf.Apply(new NfTransaction(SampleTransactions.Table)
            .DeleteElements("service-ips", [SampleTransactions.ServiceKey(SampleTransactions.ClusterIp, NfValue.Tcp, 80)])
            .AddElements("service-ips", [new NfElement(added, NfVerdict.Goto("svc-web"))]));

        Assert.Null(error);
        string listed = _ns.NftList();
        Assert.Contains("elements = { 10.96.0.12 . udp . 53 : goto svc-web }", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("10.96.0.10", listed, StringComparison.Ordinal);
        Assert.Contains("10.96.0.20 . tcp . 443", listed, StringComparison.Ordinal);
    }

    [KernelFact]
    public void Apply_FiveThousandElementsInOneBatch_AllPresent()
    {
        using var nf = NetlinkNfTables.Open(_ns.Name);
        var tx = new NfTransaction(SampleTransactions.Table).AddTable().AddChain(new NfChain("svc"))
            .AddSet(new NfSet("service-ips", [NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService], NfDataType.Verdict));
        tx.AddElements("service-ips", Enumerable.Range(0, 5000)
            .Select(i => new NfElement(SampleTransactions.ServiceKey(new IPAddress(BitConverter.GetBytes(0x0a600000u + (uint)i).Reverse().ToArray()), NfValue.Tcp, 80), NfVerdict.Goto("svc")))
            .ToList());

        Assert.Null(nf.Apply(tx));

        Assert.Equal(5000, nf.Dump(SampleTransactions.Table)!.Set("service-ips")!.Elements.Count);
        Assert.Equal(5000, System.Text.RegularExpressions.Regex.Count(_ns.NftList(), "goto svc"));
    }

    [KernelFact]
    public void Apply_CompactShapeAsNftScript_ListsExactlyLikeNftLoadedIt()
    {
        using var other = new TestNamespace();
        using var nf = NetlinkNfTables.Open(_ns.Name);
        var tx = SampleTransactions.CompactService();

        Assert.Null(nf.Apply(tx));
        var (code, output) = Tools.RunWithInput(tx.ToString(), "ip", "netns", "exec", other.Name, "nft", "-f", "-");

        Assert.True(code == 0, output);
        string listed = _ns.NftList();
        Assert.Equal(other.NftList(), listed);
        Assert.Equal(other.NftList("-j"), _ns.NftList("-j"));
        Assert.Contains("\t\tmeta l4proto tcp dnat ip to numgen random mod 2 offset 64 map @targets\n", listed, StringComparison.Ordinal);
        Assert.Contains("typeof numgen random mod 1 : ip6 daddr . tcp dport", listed, StringComparison.Ordinal);
        Assert.Contains("64 : 10.244.1.5 . 8080", listed, StringComparison.Ordinal);
    }

    [KernelFact]
    public void Dump_CompactShape_ReadsBackTargetMapsAndTheirData()
    {
        using var nf = NetlinkNfTables.Open(_ns.Name);
        Assert.Null(nf.Apply(SampleTransactions.CompactService()));

        var snapshot = nf.Dump(SampleTransactions.Table)!;

        var targets6 = snapshot.Set("targets6")!.Set;
        Assert.Equal([NfDataType.Integer], targets6.Key);
        Assert.Equal([NfDataType.Ipv6Addr, NfDataType.InetService], targets6.DataFields);
        var targets = snapshot.Set("targets")!;
        Assert.True(targets.Set.DataHasPort);
        Assert.Equal(
            [SampleTransactions.Target(64, SampleTransactions.EndpointA, 8080), SampleTransactions.Target(65, SampleTransactions.EndpointB, 8080)],
            targets.Elements.OrderBy(e => e.Key.Values[0].Bits).ToList());
        Assert.Equal(2, snapshot.Set("endpoint-hairpin")!.Elements.Count);
    }
}
