using System.Net;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Dataplane.Kernel.Testing;
using static FastKube.Proxy.Tests.ProxyObjects;

namespace FastKube.Proxy.Tests.Rules;

/// <summary>First packets walked through the generated ruleset by the tracer: where each kind of service sends them.</summary>
public sealed class TraceTests
{
    private static readonly IPAddress OffCluster = IPAddress.Parse("192.168.1.20");
    private static readonly IPAddress Pod = IPAddress.Parse("10.244.7.7");
    private static readonly IPAddress NodeIp = IPAddress.Parse("192.168.1.1");

    private readonly ProxyHarness _h = new();

    public TraceTests()
    {
        Scenario.Load(_h.Proxier);
        _h.Sync();
    }

    [Fact]
    public void Trace_ClusterIp_EachNumgenChoiceReachesADifferentEndpoint()
    {
        var reached = Enumerable.Range(0, 3)
            .Select(i => Trace(Pod, "10.96.0.10", 80, NfHook.Prerouting, i).DnatAddress?.ToString())
            .ToList();

        Assert.Equal(["10.244.1.5", "10.244.2.7", "10.244.3.9"], reached);
        Assert.Equal((ushort)8080, Trace(Pod, "10.96.0.10", 80, NfHook.Prerouting).DnatPort);
    }

    [Fact]
    public void Trace_ClusterIpFromPod_NotMarkedForMasquerade()
    {
        Assert.Equal(0u, Trace(Pod, "10.96.0.10", 80, NfHook.Prerouting).Mark & 0x4000);
    }

    [Fact]
    public void Trace_ClusterIpFromOffCluster_MarkedForMasquerade()
    {
        Assert.Equal(0x4000u, Trace(OffCluster, "10.96.0.10", 80, NfHook.Output).Mark & 0x4000);
    }

    [Fact]
    public void Trace_HairpinFromTheChosenEndpoint_MarkedForMasquerade()
    {
        var trace = Trace(IPAddress.Parse("10.244.2.7"), "10.96.0.10", 80, NfHook.Prerouting, 1);

        Assert.Equal("10.244.2.7", trace.DnatAddress?.ToString());
        Assert.Equal(0x4000u, trace.Mark & 0x4000);
    }

    [Fact]
    public void Trace_MarkedPacketAtPostrouting_Masqueraded()
    {
        var trace = _h.Tracer.Trace(new NfPacket(OffCluster, IPAddress.Parse("10.244.1.5"), NfValue.Tcp, 8080) { Mark = 0x4000 }, NfHook.Postrouting);

        Assert.True(trace.Masqueraded);
    }

    [Fact]
    public void Trace_NodePortOnLocalAddress_DnatsToEndpointAndMarks()
    {
        var trace = _h.Tracer.Trace(new NfPacket(OffCluster, NodeIp, NfValue.Tcp, 30080) { LocalDestination = true }, NfHook.Prerouting);

        Assert.Equal("10.244.1.6", trace.DnatAddress?.ToString());
        Assert.Equal(0x4000u, trace.Mark & 0x4000);
    }

    [Theory]
    [InlineData("192.168.1.1", false)]
    [InlineData("127.0.0.1", true)]
    public void Trace_NodePortOnForeignOrLoopbackAddress_NotDnated(string destination, bool local)
    {
        var trace = _h.Tracer.Trace(new NfPacket(OffCluster, IPAddress.Parse(destination), NfValue.Tcp, 30080) { LocalDestination = local }, NfHook.Output);

        Assert.Null(trace.DnatAddress);
        Assert.Equal(NfVerdictKind.Accept, trace.Verdict);
    }

    [Fact]
    public void Trace_ClientIpAffinity_SecondConnectionPinnedDespiteOtherChoice()
    {
        var first = Trace(OffCluster, "10.96.0.12", 80, NfHook.Prerouting, 1);
        var second = Trace(OffCluster, "10.96.0.12", 80, NfHook.Prerouting, 0);
        var otherClient = Trace(IPAddress.Parse("192.168.1.21"), "10.96.0.12", 80, NfHook.Prerouting, 0);

        Assert.Equal("10.244.2.8", first.DnatAddress?.ToString());
        Assert.Equal("10.244.2.8", second.DnatAddress?.ToString());
        Assert.Equal("10.244.1.7", otherClient.DnatAddress?.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Trace_LocalPolicyLoadBalancerFromOutside_OnlyLocalEndpointAndSourceKept(int choice)
    {
        var trace = Trace(OffCluster, "192.0.2.10", 443, NfHook.Prerouting, choice);

        Assert.Equal("10.244.0.4", trace.DnatAddress?.ToString());
        Assert.Equal(0u, trace.Mark & 0x4000);
    }

    [Fact]
    public void Trace_LocalPolicyNodePort_OnlyLocalEndpoint()
    {
        var trace = _h.Tracer.Trace(new NfPacket(OffCluster, NodeIp, NfValue.Tcp, 30443) { LocalDestination = true }, NfHook.Prerouting, n => 1 % n);

        Assert.Equal("10.244.0.4", trace.DnatAddress?.ToString());
    }

    [Fact]
    public void Trace_LocalPolicyClusterIp_AllEndpoints()
    {
        Assert.Equal("10.244.2.9", Trace(Pod, "10.96.0.13", 443, NfHook.Prerouting, 1).DnatAddress?.ToString());
    }

    [Fact]
    public void Trace_LocalPolicyWithoutLocalEndpoints_ExternalTrafficDropped()
    {
        _h.Proxier.Endpoints.Update(Slice("lb", "lb-1", 8443, "TCP", Ready("10.244.2.9")));
        _h.Sync();

        var external = Trace(OffCluster, "192.0.2.10", 443, NfHook.Output);
        var cluster = Trace(Pod, "10.96.0.13", 443, NfHook.Output);

        Assert.Equal(NfVerdictKind.Drop, external.Verdict);
        Assert.Null(external.Rejected);
        Assert.Equal("10.244.2.9", cluster.DnatAddress?.ToString());
    }

    [Fact]
    public void Trace_ExternalIp_DnatsAndMasquerades()
    {
        var trace = Trace(OffCluster, "203.0.113.5", 80, NfHook.Prerouting);

        Assert.Equal("10.244.1.13", trace.DnatAddress?.ToString());
        Assert.Equal(0x4000u, trace.Mark & 0x4000);
    }

    [Theory]
    [InlineData(NfValue.Tcp, 80, NfRejectKind.TcpReset)]
    [InlineData(NfValue.Udp, 53, NfRejectKind.IcmpPortUnreachable)]
    public void Trace_ServiceWithoutEndpoints_Rejected(byte protocol, ushort port, NfRejectKind expected)
    {
        var trace = _h.Tracer.Trace(new NfPacket(Pod, IPAddress.Parse("10.96.0.14"), protocol, port), NfHook.Output);

        Assert.Equal(NfVerdictKind.Drop, trace.Verdict);
        Assert.Equal(expected, trace.Rejected);
    }

    [Fact]
    public void Trace_EstablishedPacketToServiceWithoutEndpoints_NotRejected()
    {
        var trace = _h.Tracer.Trace(new NfPacket(Pod, IPAddress.Parse("10.96.0.14"), NfValue.Tcp, 80) { State = NfCtState.Established }, NfHook.Forward);

        Assert.Equal(NfVerdictKind.Accept, trace.Verdict);
    }

    [Fact]
    public void Trace_OnlyTerminatingEndpoints_FallsBackToTheServingOne()
    {
        var choices = Enumerable.Range(0, 3).Select(i => Trace(Pod, "10.96.0.16", 80, NfHook.Prerouting, i).DnatAddress?.ToString()).Distinct().ToList();

        Assert.Equal(["10.244.1.11"], choices);
    }

    [Fact]
    public void Trace_ReadyEndpointAppears_TerminatingOnesNoLongerUsed()
    {
        _h.Proxier.Endpoints.Update(Slice("drain", "drain-1", 8080, "TCP", Terminating("10.244.1.11"), Ready("10.244.1.14")));
        _h.Sync();

        var choices = Enumerable.Range(0, 3).Select(i => Trace(Pod, "10.96.0.16", 80, NfHook.Prerouting, i).DnatAddress?.ToString()).Distinct().ToList();

        Assert.Equal(["10.244.1.14"], choices);
    }

    [Fact]
    public void Trace_UdpService_DnatsToUdpEndpoint()
    {
        var trace = _h.Tracer.Trace(new NfPacket(Pod, IPAddress.Parse("10.96.0.15"), NfValue.Udp, 53), NfHook.Output);

        Assert.Equal(("10.244.1.10", (ushort?)5353), (trace.DnatAddress?.ToString(), trace.DnatPort));
    }

    private NfTrace Trace(IPAddress source, string destination, ushort port, NfHook hook, int choice = 0) =>
        _h.Tracer.Trace(new NfPacket(source, IPAddress.Parse(destination), NfValue.Tcp, port), hook, n => choice % n);
}
