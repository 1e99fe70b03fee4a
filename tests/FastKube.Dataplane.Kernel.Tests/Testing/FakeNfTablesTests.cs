using System.Net;
using FastKube.Api.Tests.Serialization.MessagePack;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.NfTables.Netlink;
using FastKube.Dataplane.Kernel.Testing;
using FastKube.Dataplane.Kernel.Tests.Kernel;
using FastKube.Dataplane.Kernel.Tests.NfTables;

namespace FastKube.Dataplane.Kernel.Tests.Testing;

public sealed class FakeNfTablesTests
{
    private static readonly NfTableRef Table = SampleTransactions.Table;

    /// <summary>Transactions the kernel refuses, each after the sample ruleset, with the operation at fault.</summary>
    public static TheoryData<string, int, int> Failures => new()
    {
        { "delete-missing-chain", 2, 0 },
        { "delete-referenced-chain", 16, 0 },
        { "delete-chain-in-map", 16, 1 },
        { "rule-in-missing-chain", 2, 1 },
        { "jump-to-missing-chain", 2, 0 },
        { "element-with-other-verdict", 17, 0 },
        { "create-existing-chain", 17, 0 },
        { "delete-missing-element", 2, 1 },
        { "delete-used-set", 16, 0 },
        { "rule-with-missing-set", 2, 0 },
    };

    [Fact]
    public void Dump_AfterSampleTransaction_MatchesGoldenListing()
    {
        var fake = new FakeNfTables();

        Assert.Null(fake.Apply(SampleTransactions.TwoEndpointService()));

        Golden.Check("tests/FastKube.Dataplane.Kernel.Tests/testdata/two-endpoint-service.list", fake.Dump());
        Assert.Equal(1, fake.AppliedCount);
    }

    [KernelFact]
    public void Dump_AfterSampleTransaction_EqualsNftListOfTheKernel()
    {
        using var ns = new TestNamespace();
        using var nf = NetlinkNfTables.Open(ns.Name);
        var fake = new FakeNfTables();

        Assert.Null(nf.Apply(SampleTransactions.TwoEndpointService()));
        Assert.Null(fake.Apply(SampleTransactions.TwoEndpointService()));

        Assert.Equal(ns.NftList(), fake.Dump());
    }

    [KernelFact]
    public void Dump_AfterCompactShape_EqualsNftListOfTheKernel()
    {
        using var ns = new TestNamespace();
        using var nf = NetlinkNfTables.Open(ns.Name);
        var fake = new FakeNfTables();

        Assert.Null(nf.Apply(SampleTransactions.CompactService()));
        Assert.Null(fake.Apply(SampleTransactions.CompactService()));

        Assert.Equal(ns.NftList(), fake.Dump());
    }

    [Fact]
    public void Apply_VerdictIntoDnatTargetMap_Einval()
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.CompactService()));

        var error = fake.Apply(new NfTransaction(Table).AddElements("targets", [new NfElement(new NfKey(NfValue.Integer(1)), NfVerdict.Accept)]));

        Assert.NotNull(error);
        Assert.Equal(22, error.Errno);
    }

    [Fact]
    public void Apply_ReplaceTargetSlot_ChangesOnlyThatElement()
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.CompactService()));
        var replacement = IPAddress.Parse("10.244.3.9");

        var error = fake.Apply(new NfTransaction(Table)
            .DeleteElements("targets", [new NfKey(NfValue.Integer(65))])
            .AddElements("targets", [SampleTransactions.Target(65, replacement, 8080)]));

        Assert.Null(error);
        string dump = fake.Dump();
        Assert.Contains("elements = { 64 : 10.244.1.5 . 8080, 65 : 10.244.3.9 . 8080 }", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("10.244.2.7 . 8080", dump, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public void Apply_RefusedTransaction_ReturnsKernelErrnoAndKeepsRuleset(string name, int errno, int operation)
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.TwoEndpointService()));
        string before = fake.Dump();
        var tx = Failing(name);

        var error = fake.Apply(tx);

        Assert.NotNull(error);
        Assert.Equal((errno, operation), (error.Errno, error.Operation));
        Assert.Equal(before, fake.Dump());
        Assert.Same(tx, fake.LastTransaction);
    }

    [KernelFact]
    public void Apply_RefusedTransactions_KernelAgreesWithFake()
    {
        foreach (var failure in Failures)
        {
            string name = (string)failure[0];
            using var ns = new TestNamespace();
            using var nf = NetlinkNfTables.Open(ns.Name);
            Assert.Null(nf.Apply(SampleTransactions.TwoEndpointService()));

            var error = nf.Apply(Failing(name));

            Assert.True(error is not null, name);
            Assert.True(((int)failure[1], (int)failure[2]) == (error.Errno, error.Operation), $"{name}: kernel said {error}");
        }
    }

    [Fact]
    public void Apply_DeleteChainAfterFlushAndUnmap_Succeeds()
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.TwoEndpointService()));

        var error = fake.Apply(new NfTransaction(Table)
            .DeleteElements("service-ips", [SampleTransactions.ServiceKey(SampleTransactions.ClusterIp, NfValue.Tcp, 80)])
            .FlushChain("svc-web")
            .DeleteChain("svc-web")
            .DeleteChain("ep-web-a"));

        Assert.Null(error);
        var snapshot = fake.Dump(Table)!;
        Assert.Null(snapshot.Chain("svc-web"));
        Assert.Empty(snapshot.Set("service-ips")!.Elements);
    }

    [Fact]
    public void Apply_InjectedFailure_ReturnsItOnceAndChangesNothing()
    {
        var fake = new FakeNfTables { FailNext = new NfError(105, -1, "ENOBUFS") };

        Assert.Equal(105, fake.Apply(SampleTransactions.TwoEndpointService())?.Errno);
        Assert.Empty(fake.ListTables());
        Assert.Null(fake.Apply(SampleTransactions.TwoEndpointService()));
    }

    [Fact]
    public void Apply_DeleteTable_RemovesEverything()
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.TwoEndpointService()));

        Assert.Null(fake.Apply(new NfTransaction(Table).DeleteTable()));

        Assert.Equal("", fake.Dump());
        Assert.Equal(2, fake.Apply(new NfTransaction(Table).DeleteTable())?.Errno);
    }

    private static NfTransaction Failing(string name)
    {
        var tx = new NfTransaction(Table);
        var key = SampleTransactions.ServiceKey(SampleTransactions.ClusterIp, NfValue.Tcp, 80);
        return name switch
        {
            "delete-missing-chain" => tx.DeleteChain("nope"),
            "delete-referenced-chain" => tx.DeleteChain("services"),
            "delete-chain-in-map" => tx.FlushChain("svc-web").DeleteChain("svc-web"),
            "rule-in-missing-chain" => tx.AddChain(new NfChain("x")).AddRule(new NfRule("nope", [new NfCounter()])),
            "jump-to-missing-chain" => tx.AddRule(new NfRule("services", [new NfVerdictStatement(NfVerdict.Jump("nope"))])),
            "element-with-other-verdict" => tx.AddElements("service-ips", [new NfElement(key, NfVerdict.Goto("services"))]),
            "create-existing-chain" => tx.CreateChain(new NfChain("services")),
            "delete-missing-element" => tx.DeleteElements("service-ips", [key]).DeleteElements("service-ips", [key]),
            "delete-used-set" => tx.DeleteSet("no-endpoint-services"),
            "rule-with-missing-set" => tx.AddRule(new NfRule("services", [new NfSetMatch([NfSelector.IpSaddr], "nope")])),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
