using System.Net;
using FastKube.Api.Tests.Serialization.MessagePack;
using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Dataplane.Kernel.Tests.NfTables.Text;

public sealed class NfTransactionTextTests
{
    [Fact]
    public void ToString_ProxyShapedTransaction_MatchesGoldenScript()
    {
        var tx = SampleTransactions.TwoEndpointService(tx =>
        {
            tx.DeleteElements("service-ips", [SampleTransactions.ServiceKey(IPAddress.Parse("10.96.0.99"), NfValue.Udp, 53)]);
            tx.FlushChain("ep-web-b");
            tx.DeleteChain("ep-web-b");
            tx.FlushSet("no-endpoint-services");
        });

        Golden.Check("tests/FastKube.Dataplane.Kernel.Tests/testdata/two-endpoint-service.nft", tx.ToString());
    }

    [Fact]
    public void ToString_CompactShape_RendersTypeofMapsSlotsAndNumgenDnat()
    {
        string script = SampleTransactions.CompactService().ToString();

        Assert.Contains("add map inet fastkube-test targets { typeof numgen random mod 1 : ip daddr . tcp dport ; }\n", script, StringComparison.Ordinal);
        Assert.Contains("add map inet fastkube-test targets6 { typeof numgen random mod 1 : ip6 daddr . tcp dport ; }\n", script, StringComparison.Ordinal);
        Assert.Contains("add rule inet fastkube-test svc-web meta l4proto tcp dnat ip to numgen random mod 2 offset 64 map @targets\n", script, StringComparison.Ordinal);
        Assert.Contains("add rule inet fastkube-test svc-web6 meta l4proto tcp dnat ip6 to numgen random mod 1 map @targets6\n", script, StringComparison.Ordinal);
        Assert.Contains("add element inet fastkube-test targets { 64 : 10.244.1.5 . 8080, 65 : 10.244.2.7 . 8080 }\n", script, StringComparison.Ordinal);
        Assert.Contains("add rule inet fastkube-test nat-postrouting ip saddr . ip daddr @endpoint-hairpin masquerade fully-random\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void AddElements_TargetDataOfWrongFamily_SetsError()
    {
        var tx = new NfTransaction(SampleTransactions.Table);
        tx.AddSet(NfSet.DnatTargetMap("targets", NfFamily.Ip));
        tx.AddElements("targets", [SampleTransactions.Target(0, IPAddress.Parse("fd00::1"), 80)]);

        Assert.NotNull(tx.Error);
        Assert.Contains("does not match ipv4_addr . inet_service", tx.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(10_800, "3h")]
    [InlineData(5_400, "1h30m")]
    [InlineData(93_600, "1d2h")]
    public void Duration_Seconds_RendersNftSyntax(int seconds, string expected) =>
        Assert.Equal(expected, FastKube.Dataplane.Kernel.NfTables.Text.NfTextRenderer.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void AddRule_SelectorComparedWithWrongType_KeepsFirstError()
    {
        var tx = new NfTransaction(SampleTransactions.Table);
        tx.AddRule(new NfRule("c", [new NfMatch(NfSelector.IpDaddr, NfValue.Port(80))]));
        tx.AddChain(new NfChain(new string('x', 300)));

        Assert.Equal("operation 0: rule in chain c: ip daddr compared with a inet_service", tx.Error);
    }

    [Fact]
    public void AddElements_KeyNotMatchingSetType_SetsError()
    {
        var tx = new NfTransaction(SampleTransactions.Table);
        tx.AddSet(new NfSet("m", [NfDataType.Ipv4Addr, NfDataType.InetService], NfDataType.Verdict));
        tx.AddElements("m", [new NfElement(new NfKey(NfValue.Address(IPAddress.Loopback)), NfVerdict.Accept)]);

        Assert.NotNull(tx.Error);
        Assert.Contains("does not match the key of set m", tx.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChain_NameOver255Bytes_SetsError()
    {
        var tx = new NfTransaction(SampleTransactions.Table);
        tx.AddChain(new NfChain(new string('x', 256)));

        Assert.StartsWith("operation 0: chain name", tx.Error, StringComparison.Ordinal);
    }
}
