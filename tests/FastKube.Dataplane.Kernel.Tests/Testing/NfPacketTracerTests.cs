using System.Net;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.Testing;
using FastKube.Dataplane.Kernel.Tests.NfTables;

namespace FastKube.Dataplane.Kernel.Tests.Testing;

public sealed class NfPacketTracerTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.168.1.20");

    [Theory]
    [InlineData(0, "10.244.1.5")]
    [InlineData(1, "10.244.2.7")]
    public void Trace_ClusterIpWithNumgenChoice_DnatsToThatEndpoint(int choice, string endpoint)
    {
        var tracer = Tracer();

        var trace = tracer.Trace(new NfPacket(Client, SampleTransactions.ClusterIp, NfValue.Tcp, 80), NfHook.Prerouting, _ => choice);

        Assert.Equal(NfVerdictKind.Accept, trace.Verdict);
        Assert.Equal(IPAddress.Parse(endpoint), trace.DnatAddress);
        Assert.Equal((ushort)8080, trace.DnatPort);
        Assert.Equal(0x4000u, trace.Mark);
        Assert.Equal(["nat-prerouting", "services", "svc-web", choice == 0 ? "ep-web-a" : "ep-web-b"], trace.Path);
    }

    [Theory]
    [InlineData(true, "10.244.1.5")]
    [InlineData(false, null)]
    public void Trace_NodePortBehindFibLocal_DispatchedOnlyForLocalDestination(bool local, string? endpoint)
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.TwoEndpointService(SampleTransactions.PrefixAndFibRules)));

        var trace = new NfPacketTracer(fake).Trace(new NfPacket(Client, IPAddress.Parse("192.168.1.1"), NfValue.Tcp, 30080) { LocalDestination = local }, NfHook.Prerouting);

        Assert.Equal(endpoint, trace.DnatAddress?.ToString());
    }

    [Theory]
    [InlineData("10.244.3.4", "ep-web-a")]
    [InlineData("10.245.0.1", "svc-web")]
    public void Trace_PrefixMatch_MatchesOnlyAddressesOutsideTheNetwork(string source, string firstHop)
    {
        var fake = new FakeNfTables();
        var tx = new NfTransaction(SampleTransactions.Table).AddTable()
            .AddChain(new NfChain("out", new NfBaseChain(NfChainType.Nat, NfHook.Output, NfBaseChain.DstNatPriority)))
            .AddChain(new NfChain("svc-web")).AddChain(new NfChain("ep-web-a"))
            .AddRule(new NfRule("out", [new NfPrefixMatch(NfSelector.IpSaddr, IPAddress.Parse("10.244.0.0"), 16, NfCompare.NotEqual), new NfVerdictStatement(NfVerdict.Goto("svc-web"))]))
            .AddRule(new NfRule("out", [new NfVerdictStatement(NfVerdict.Goto("ep-web-a"))]));
        Assert.Null(fake.Apply(tx));

        var trace = new NfPacketTracer(fake).Trace(new NfPacket(IPAddress.Parse(source), SampleTransactions.ClusterIp, NfValue.Tcp, 80), NfHook.Output);

        Assert.Equal(["out", firstHop], trace.Path);
    }

    [Fact]
    public void AddRule_PrefixWithHostBits_SetsError()
    {
        var tx = new NfTransaction(SampleTransactions.Table)
            .AddRule(new NfRule("c", [new NfPrefixMatch(NfSelector.IpSaddr, IPAddress.Parse("10.244.0.1"), 16)]));

        Assert.Contains("10.244.0.1/16", tx.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_OtherPortOnClusterIp_PassesWithoutDnat()
    {
        var trace = Tracer().Trace(new NfPacket(Client, SampleTransactions.ClusterIp, NfValue.Tcp, 81), NfHook.Prerouting);

        Assert.Equal(NfVerdictKind.Accept, trace.Verdict);
        Assert.Null(trace.DnatAddress);
        Assert.Equal(["nat-prerouting", "services"], trace.Path);
    }

    [Fact]
    public void Trace_AfterEndpointAChosen_AffinityPinsClientToA()
    {
        var tracer = Tracer();
        tracer.Trace(new NfPacket(Client, SampleTransactions.ClusterIp, NfValue.Tcp, 80), NfHook.Prerouting, _ => 0);

        var second = tracer.Trace(new NfPacket(Client, SampleTransactions.ClusterIp, NfValue.Tcp, 80), NfHook.Prerouting, _ => 1);
        var otherClient = tracer.Trace(new NfPacket(IPAddress.Parse("192.168.1.21"), SampleTransactions.ClusterIp, NfValue.Tcp, 80), NfHook.Prerouting, _ => 1);

        Assert.Equal(IPAddress.Parse("10.244.1.5"), second.DnatAddress);
        Assert.Equal(IPAddress.Parse("10.244.2.7"), otherClient.DnatAddress);
    }

    [Fact]
    public void Trace_ServiceWithoutEndpoints_RejectedAtInput()
    {
        var trace = Tracer().Trace(new NfPacket(Client, IPAddress.Parse("10.96.0.20"), NfValue.Tcp, 443), NfHook.Input);

        Assert.Equal(NfVerdictKind.Drop, trace.Verdict);
        Assert.Equal(NfRejectKind.IcmpxPortUnreachable, trace.Rejected);
    }

    [Fact]
    public void Trace_EstablishedPacketToServiceWithoutEndpoints_NotRejected()
    {
        var packet = new NfPacket(Client, IPAddress.Parse("10.96.0.20"), NfValue.Tcp, 443) { State = NfCtState.Established };

        Assert.Equal(NfVerdictKind.Accept, Tracer().Trace(packet, NfHook.Input).Verdict);
    }

    [Fact]
    public void Trace_MarkedPacketAtPostrouting_Masqueraded()
    {
        var packet = new NfPacket(Client, IPAddress.Parse("10.244.1.5"), NfValue.Tcp, 8080) { Mark = 0x4000 };

        var trace = Tracer().Trace(packet, NfHook.Postrouting);

        Assert.True(trace.Masqueraded);
        Assert.False(Tracer().Trace(packet with { Mark = 0 }, NfHook.Postrouting).Masqueraded);
    }

    [Fact]
    public void Trace_Ipv6PacketInInetTable_DoesNotMatchIpv4Map()
    {
        var trace = Tracer().Trace(new NfPacket(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::10"), NfValue.Tcp, 80), NfHook.Prerouting);

        Assert.Null(trace.DnatAddress);
    }

    private static NfPacketTracer Tracer()
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.TwoEndpointService()));
        return new NfPacketTracer(fake);
    }

    [Theory]
    [InlineData(0, "10.244.1.5")]
    [InlineData(1, "10.244.2.7")]
    public void Trace_CompactShape_NumgenSlotPicksTargetMapElement(int choice, string endpoint)
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.CompactService()));

        var trace = new NfPacketTracer(fake).Trace(new NfPacket(Client, SampleTransactions.ClusterIp, NfValue.Tcp, 80), NfHook.Prerouting, modulus => modulus == 2 ? choice : -1);

        Assert.Equal(NfVerdictKind.Accept, trace.Verdict);
        Assert.Equal(IPAddress.Parse(endpoint), trace.DnatAddress);
        Assert.Equal((ushort)8080, trace.DnatPort);
        Assert.Equal(["nat-prerouting", "services", "svc-web"], trace.Path);
    }

    [Theory]
    [InlineData("10.244.1.5", true)]
    [InlineData("10.244.2.7", false)]
    public void Trace_CompactShapeAfterDnat_MasqueradesOnlyHairpin(string source, bool masqueraded)
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.CompactService()));

        var trace = new NfPacketTracer(fake).Trace(new NfPacket(IPAddress.Parse(source), SampleTransactions.EndpointA, NfValue.Tcp, 8080), NfHook.Postrouting);

        Assert.Equal(masqueraded, trace.Masqueraded);
    }

    [Fact]
    public void Trace_CompactShapeSlotWithoutElement_NoDnat()
    {
        var fake = new FakeNfTables();
        Assert.Null(fake.Apply(SampleTransactions.CompactService()));
        Assert.Null(fake.Apply(new NfTransaction(SampleTransactions.Table).DeleteElements("targets", [new NfKey(NfValue.Integer(65))])));

        var trace = new NfPacketTracer(fake).Trace(new NfPacket(Client, SampleTransactions.ClusterIp, NfValue.Tcp, 80), NfHook.Prerouting, _ => 1);

        Assert.Null(trace.DnatAddress);
        Assert.Equal(NfVerdictKind.Accept, trace.Verdict);
    }
}
