using System.Net;
using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Bench;

/// <summary>
/// The proxy-sync scenario's ruleset, named like kube-proxy's nftables mode (<c>service-HASH-ns/name/tcp/p80</c>,
/// <c>endpoint-HASH-…__IP/PORT</c>) so batch sizes are realistic. Keeps each service's current endpoints so
/// partial syncs can replace one.
/// </summary>
internal sealed class BenchRuleset
{
    private const uint ServiceBase = 0x0a600000; // 10.96.0.0
    private const uint EndpointBase = 0x0ab40000; // 10.180.0.0
    private const uint MasqueradeMark = 0x4000;

    private readonly int _services;
    private readonly List<string>[] _endpointChains;

    public BenchRuleset(int services, int endpointsPerService)
    {
        _services = services;
        _endpointChains = new List<string>[services];
        for (int s = 0; s < services; s++)
        {
            _endpointChains[s] = Enumerable.Range(0, endpointsPerService).Select(e => EndpointChain(s, Endpoint(s, e))).ToList();
        }
    }

    public static NfTableRef Table { get; } = new(NfFamily.Ip, "fastkube");

    public NfTransaction FullSync()
    {
        var tx = new NfTransaction(Table).AddTable()
            .AddChain(new NfChain("nat-prerouting", new NfBaseChain(NfChainType.Nat, NfHook.Prerouting, NfBaseChain.DstNatPriority)))
            .AddChain(new NfChain("nat-output", new NfBaseChain(NfChainType.Nat, NfHook.Output, NfBaseChain.DstNatPriority)))
            .AddChain(new NfChain("nat-postrouting", new NfBaseChain(NfChainType.Nat, NfHook.Postrouting, NfBaseChain.SrcNatPriority)))
            .AddChain(new NfChain("services"))
            .AddChain(new NfChain("mark-for-masquerade"))
            .AddSet(new NfSet("service-ips", [NfDataType.Ipv4Addr, NfDataType.InetProto, NfDataType.InetService], NfDataType.Verdict))
            .AddRule(new NfRule("nat-prerouting", [new NfVerdictStatement(NfVerdict.Jump("services"))]))
            .AddRule(new NfRule("nat-output", [new NfVerdictStatement(NfVerdict.Jump("services"))]))
            .AddRule(new NfRule("nat-postrouting", [new NfMaskedMatch(NfSelector.MetaMark, MasqueradeMark, MasqueradeMark), new NfMasquerade(FullyRandom: true)]))
            .AddRule(new NfRule("mark-for-masquerade", [new NfMarkSet(MasqueradeMark)]))
            .AddRule(new NfRule("services", [new NfVerdictMap([NfSelector.IpDaddr, NfSelector.MetaL4Proto, NfSelector.ThDport], "service-ips")]));
        var elements = new List<NfElement>(_services);
        for (int s = 0; s < _services; s++)
        {
            string chain = ServiceChain(s);
            tx.AddChain(new NfChain(chain));
            for (int e = 0; e < _endpointChains[s].Count; e++)
            {
                AddEndpoint(tx, _endpointChains[s][e], Endpoint(s, e));
            }

            tx.AddRule(NumgenRule(s));
            elements.Add(new NfElement(new NfKey(NfValue.Address(Address(ServiceBase + (uint)s)), NfValue.Protocol(NfValue.Tcp), NfValue.Port(80)), NfVerdict.Goto(chain)));
        }

        return tx.AddElements("service-ips", elements);
    }

    /// <summary>One endpoint of service <paramref name="service"/> replaced by a new address: the partial sync of an endpoint change.</summary>
    public NfTransaction ReplaceOneEndpoint(int service, int generation)
    {
        var chains = _endpointChains[service];
        string old = chains[0];
        var address = Address(EndpointBase + 0x80000u + (uint)generation);
        string added = EndpointChain(service, address);
        chains.RemoveAt(0);
        chains.Add(added);
        var tx = new NfTransaction(Table).FlushChain(ServiceChain(service)).FlushChain(old).DeleteChain(old);
        AddEndpoint(tx, added, address);
        return tx.AddRule(NumgenRule(service));
    }

    private NfRule NumgenRule(int service) =>
        new(ServiceChain(service), [new NfNumgenVerdictMap(_endpointChains[service].Select(NfVerdict.Goto).ToList())]);

    private static void AddEndpoint(NfTransaction tx, string chain, IPAddress address)
    {
        tx.AddChain(new NfChain(chain));
        tx.AddRule(new NfRule(chain, [new NfMatch(NfSelector.IpSaddr, NfValue.Address(address)), new NfVerdictStatement(NfVerdict.Jump("mark-for-masquerade"))]));
        tx.AddRule(new NfRule(chain, [new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(NfValue.Tcp)), new NfNat(NfNatKind.Dnat, address, 80)]));
    }

    private static IPAddress Endpoint(int service, int endpoint) => Address(EndpointBase + (uint)(service * 16 + endpoint));

    private static string ServiceChain(int service) => $"service-{Hash(service):X8}-bench/svc-{service}/tcp/p80";

    private static string EndpointChain(int service, IPAddress address) => $"endpoint-{Hash(service ^ address.GetHashCode()):X8}-bench/svc-{service}/tcp/p80__{address}/80";

    private static uint Hash(int value) => (uint)value * 2654435761u;

    private static IPAddress Address(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
