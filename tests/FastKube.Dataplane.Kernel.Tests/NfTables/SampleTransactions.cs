using System.Net;
using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Dataplane.Kernel.Tests.NfTables;

/// <summary>Transactions shaped like the proxy's, shared by the golden, fake and kernel tests.</summary>
internal static class SampleTransactions
{
    public static readonly NfTableRef Table = new(NfFamily.Inet, "fastkube-test");

    public static readonly IPAddress ClusterIp = IPAddress.Parse("10.96.0.10");

    /// <summary>One ClusterIP service (tcp/80) with two endpoints, a no-endpoint service rejected, affinity and masquerade.</summary>
    public static NfTransaction TwoEndpointService(Action<NfTransaction>? extra = null)
    {
        var tx = new NfTransaction(Table);
        tx.AddTable();
        tx.AddChain(new NfChain("nat-prerouting", new NfBaseChain(NfChainType.Nat, NfHook.Prerouting, NfBaseChain.DstNatPriority)));
        tx.AddChain(new NfChain("nat-output", new NfBaseChain(NfChainType.Nat, NfHook.Output, NfBaseChain.DstNatPriority)));
        tx.AddChain(new NfChain("nat-postrouting", new NfBaseChain(NfChainType.Nat, NfHook.Postrouting, NfBaseChain.SrcNatPriority)));
        tx.AddChain(new NfChain("filter-input", new NfBaseChain(NfChainType.Filter, NfHook.Input, NfBaseChain.FilterPriority)));
        tx.AddChain(new NfChain("services"));
        tx.AddChain(new NfChain("svc-web"));
        tx.AddChain(new NfChain("ep-web-a"));
        tx.AddChain(new NfChain("ep-web-b"));
        tx.AddSet(new NfSet("service-ips", [NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService], NfDataType.Verdict));
        tx.AddSet(new NfSet("no-endpoint-services", [NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService]));
        tx.AddSet(new NfSet("affinity-web", [NfDataType.Ipv4Addr], Timeouts: true, DefaultTimeout: TimeSpan.FromHours(3), Dynamic: true));

        tx.AddRule(new NfRule("nat-prerouting", [new NfVerdictStatement(NfVerdict.Jump("services"))]));
        tx.AddRule(new NfRule("nat-output", [new NfVerdictStatement(NfVerdict.Jump("services"))]));
        tx.AddRule(new NfRule("services", [new NfVerdictMap([NfSelector.IpDaddr, NfSelector.MetaL4Proto, NfSelector.ThDport], "service-ips")]));
        tx.AddRule(new NfRule("nat-postrouting", [new NfMaskedMatch(NfSelector.MetaMark, 0x4000, 0x4000), new NfMasquerade(FullyRandom: true)]));
        tx.AddRule(new NfRule("filter-input", [new NfMatch(NfSelector.CtState, NfValue.CtState(NfCtState.New)), new NfSetMatch([NfSelector.IpDaddr, NfSelector.MetaL4Proto, NfSelector.ThDport], "no-endpoint-services"), new NfReject(NfRejectKind.IcmpxPortUnreachable)]));
        tx.AddRule(new NfRule("svc-web", [new NfMatch(NfSelector.IpSaddr, NfValue.Address(IPAddress.Parse("10.244.0.0")), NfCompare.NotEqual), new NfMarkSet(0x4000)]));
        tx.AddRule(new NfRule("svc-web", [new NfSetMatch([NfSelector.IpSaddr], "affinity-web"), new NfVerdictStatement(NfVerdict.Goto("ep-web-a"))]));
        tx.AddRule(new NfRule("svc-web", [new NfNumgenVerdictMap([NfVerdict.Goto("ep-web-a"), NfVerdict.Goto("ep-web-b")])], "web:http"));
        tx.AddRule(new NfRule("ep-web-a", [new NfSetUpdate("affinity-web", [NfSelector.IpSaddr]), new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(NfValue.Tcp)), new NfNat(NfNatKind.Dnat, IPAddress.Parse("10.244.1.5"), 8080)]));
        tx.AddRule(new NfRule("ep-web-b", [new NfCounter(), new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(NfValue.Tcp)), new NfNat(NfNatKind.Dnat, IPAddress.Parse("10.244.2.7"), 8080)]));
        tx.AddElements("service-ips", [new NfElement(ServiceKey(ClusterIp, NfValue.Tcp, 80), NfVerdict.Goto("svc-web"))]);
        tx.AddElements("no-endpoint-services", [new NfElement(ServiceKey(IPAddress.Parse("10.96.0.20"), NfValue.Tcp, 443))]);
        extra?.Invoke(tx);
        return tx;
    }

    /// <summary>Extra rules with a prefix match (byte-aligned and not) and <c>fib daddr type local</c>.</summary>
    public static void PrefixAndFibRules(NfTransaction tx)
    {
        tx.AddChain(new NfChain("nodeports"));
        tx.AddSet(new NfSet("service-nodeports", [NfDataType.InetProto, NfDataType.InetService], NfDataType.Verdict));
        tx.AddElements("service-nodeports", [new NfElement(new NfKey(NfValue.Protocol(NfValue.Tcp), NfValue.Port(30080)), NfVerdict.Goto("svc-web"))]);
        tx.AddRule(new NfRule("nodeports", [new NfPrefixMatch(NfSelector.IpSaddr, IPAddress.Parse("10.244.0.0"), 16, NfCompare.NotEqual), new NfVerdictStatement(NfVerdict.Jump("svc-web"))]));
        tx.AddRule(new NfRule("nodeports", [new NfPrefixMatch(NfSelector.IpDaddr, IPAddress.Parse("10.96.0.0"), 12), new NfVerdictStatement(NfVerdict.Accept)]));
        tx.AddRule(new NfRule("nodeports", [new NfFibDaddrLocal(NfCompare.NotEqual), new NfVerdictStatement(NfVerdict.Return)]));
        tx.AddRule(new NfRule("services", [new NfFibDaddrLocal(), new NfVerdictMap([NfSelector.MetaL4Proto, NfSelector.ThDport], "service-nodeports")]));
    }

    public static NfKey ServiceKey(IPAddress address, byte protocol, ushort port) =>
        new(NfValue.Address(address), NfValue.Protocol(protocol), NfValue.Port(port));

    /// <summary>
    /// The compact shape (docs/proxy-ruleset-shape.md): a service chain with one <c>dnat to numgen … map</c>
    /// rule over two endpoint slots at offset 64, an IPv6 service over one slot, and hairpin masquerade by a
    /// postrouting set of endpoint . endpoint pairs.
    /// </summary>
    public static NfTransaction CompactService()
    {
        var tx = new NfTransaction(Table);
        tx.AddTable();
        tx.AddChain(new NfChain("nat-prerouting", new NfBaseChain(NfChainType.Nat, NfHook.Prerouting, NfBaseChain.DstNatPriority)));
        tx.AddChain(new NfChain("nat-postrouting", new NfBaseChain(NfChainType.Nat, NfHook.Postrouting, NfBaseChain.SrcNatPriority)));
        tx.AddChain(new NfChain("services"));
        tx.AddChain(new NfChain("svc-web"));
        tx.AddChain(new NfChain("svc-web6"));
        tx.AddSet(new NfSet("service-ips", [NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService], NfDataType.Verdict));
        tx.AddSet(NfSet.DnatTargetMap("targets", NfFamily.Ip));
        tx.AddSet(NfSet.DnatTargetMap("targets6", NfFamily.Ip6));
        tx.AddSet(new NfSet("endpoint-hairpin", [NfDataType.Ipv4Addr, NfDataType.Ipv4Addr]));
        tx.AddRule(new NfRule("nat-prerouting", [new NfVerdictStatement(NfVerdict.Jump("services"))]));
        tx.AddRule(new NfRule("services", [new NfVerdictMap([NfSelector.IpDaddr, NfSelector.MetaL4Proto, NfSelector.ThDport], "service-ips")]));
        tx.AddRule(new NfRule("svc-web", [new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(NfValue.Tcp)), new NfNumgenDnatMap(2, 64, "targets")]));
        tx.AddRule(new NfRule("svc-web6", [new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(NfValue.Tcp)), new NfNumgenDnatMap(1, 0, "targets6", NfFamily.Ip6)]));
        tx.AddRule(new NfRule("nat-postrouting", [new NfSetMatch([NfSelector.IpSaddr, NfSelector.IpDaddr], "endpoint-hairpin"), new NfMasquerade(FullyRandom: true)]));
        tx.AddElements("service-ips", [new NfElement(ServiceKey(ClusterIp, NfValue.Tcp, 80), NfVerdict.Goto("svc-web"))]);
        tx.AddElements("targets", [Target(64, EndpointA, 8080), Target(65, EndpointB, 8080)]);
        tx.AddElements("targets6", [Target(0, IPAddress.Parse("fd00::5"), 8080)]);
        tx.AddElements("endpoint-hairpin", [Hairpin(EndpointA), Hairpin(EndpointB)]);
        return tx;
    }

    public static readonly IPAddress EndpointA = IPAddress.Parse("10.244.1.5");

    public static readonly IPAddress EndpointB = IPAddress.Parse("10.244.2.7");

    public static NfElement Target(uint slot, IPAddress address, ushort port) =>
        new(new NfKey(NfValue.Integer(slot)), Data: new NfKey(NfValue.Address(address), NfValue.Port(port)));

    public static NfElement Hairpin(IPAddress endpoint) => new(new NfKey(NfValue.Address(endpoint), NfValue.Address(endpoint)));
}
