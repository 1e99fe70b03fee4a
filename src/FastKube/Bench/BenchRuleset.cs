using System.Net;
using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Bench;

/// <summary>The two service shapes the proxy-sync scenario can load (docs/proxy-ruleset-shape.md).</summary>
internal enum BenchShape
{
    /// <summary>One rule per service picks an endpoint slot in a shared DNAT map; hairpin by a postrouting set.</summary>
    Compact,

    /// <summary>kube-proxy's nftables shape: numgen vmap (an anonymous map) → per-endpoint chains that mark hairpin and DNAT.</summary>
    Upstream,
}

/// <summary>
/// The proxy-sync scenario's ruleset, named like kube-proxy's nftables mode (<c>service-HASH-ns/name/tcp/p80</c>,
/// <c>endpoint-HASH-…__IP/PORT</c>) so batch sizes are realistic. Keeps each service's current endpoints so
/// partial syncs can replace one.
/// </summary>
internal sealed class BenchRuleset
{
    /// <summary>
    /// DNAT target maps of the compact shape. Each map is bound by the rules of services/256 chains, and the
    /// kernel checks every element added to a map against every chain bound to it (nft_add_set_elem), while
    /// every set operation walks the table's list of sets by name: one map per service is quadratic in the
    /// sets, one map for all is quadratic in the bindings. 256 keeps both under 1 ms at 10,000 services.
    /// </summary>
    internal const int TargetMaps = 256;

    /// <summary>Slots per service in its target map (numgen offset = index within the map × this).</summary>
    internal const uint SlotsPerService = 64;

    internal const string HairpinSet = "endpoint-hairpin";

    private const uint ServiceBase = 0x0a600000; // 10.96.0.0
    private const uint EndpointBase = 0x0ab40000; // 10.180.0.0
    private const uint ReplacementBase = 0x0abc0000; // 10.188.0.0
    private const uint MasqueradeMark = 0x4000;

    private readonly int _services;
    private readonly List<IPAddress>[] _endpoints;

    public BenchRuleset(int services, int endpointsPerService, BenchShape shape = BenchShape.Compact)
    {
        _services = services;
        Shape = shape;
        _endpoints = new List<IPAddress>[services];
        for (int s = 0; s < services; s++)
        {
            _endpoints[s] = Enumerable.Range(0, endpointsPerService).Select(e => Address(EndpointBase + (uint)(s * 16 + e))).ToList();
        }
    }

    public static NfTableRef Table { get; } = new(NfFamily.Ip, "fastkube");

    public BenchShape Shape { get; }

    /// <summary>The ClusterIP of service <paramref name="service"/> (port 80/tcp).</summary>
    public static IPAddress ServiceIp(int service) => Address(ServiceBase + (uint)service);

    /// <summary>The whole ruleset as one transaction: objects first, every element after the rules that bind its map.</summary>
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
        if (Shape == BenchShape.Compact)
        {
            for (int m = 0; m < Math.Min(TargetMaps, _services); m++)
            {
                tx.AddSet(NfSet.DnatTargetMap(TargetMap(m), NfFamily.Ip));
            }

            tx.AddSet(new NfSet(HairpinSet, [NfDataType.Ipv4Addr, NfDataType.Ipv4Addr]))
                .AddRule(new NfRule("nat-postrouting", [new NfSetMatch([NfSelector.IpSaddr, NfSelector.IpDaddr], HairpinSet), new NfMasquerade(FullyRandom: true)]));
        }

        var services = new List<NfElement>(_services);
        for (int s = 0; s < _services; s++)
        {
            string chain = ServiceChain(s);
            tx.AddChain(new NfChain(chain));
            if (Shape == BenchShape.Compact)
            {
                tx.AddRule(CompactRule(s));
            }
            else
            {
                foreach (var endpoint in _endpoints[s])
                {
                    AddEndpointChain(tx, s, endpoint);
                }

                tx.AddRule(NumgenVmapRule(s));
            }

            services.Add(new NfElement(new NfKey(NfValue.Address(ServiceIp(s)), NfValue.Protocol(NfValue.Tcp), NfValue.Port(80)), NfVerdict.Goto(chain)));
        }

        tx.AddElements("service-ips", services);
        if (Shape == BenchShape.Compact)
        {
            for (int m = 0; m < Math.Min(TargetMaps, _services); m++)
            {
                var targets = new List<NfElement>();
                for (int s = m; s < _services; s += TargetMaps)
                {
                    targets.AddRange(_endpoints[s].Select((endpoint, slot) => Target(s, slot, endpoint)));
                }

                tx.AddElements(TargetMap(m), targets);
            }

            tx.AddElements(HairpinSet, _endpoints.SelectMany(e => e).Select(Hairpin).ToList());
        }

        return tx;
    }

    /// <summary>
    /// One endpoint of service <paramref name="service"/> replaced by a new address: the partial sync of an
    /// endpoint change. Compact: two target-map elements and two hairpin elements, no rule (so no table
    /// validation in the kernel). Upstream: flush the service chain, swap one endpoint chain, re-add the numgen rule.
    /// </summary>
    public NfTransaction ReplaceOneEndpoint(int service, int generation)
    {
        var endpoints = _endpoints[service];
        var address = Address(ReplacementBase + (uint)generation);
        var tx = new NfTransaction(Table);
        if (Shape == BenchShape.Compact)
        {
            int slot = generation % endpoints.Count;
            var old = endpoints[slot];
            endpoints[slot] = address;
            return tx.DeleteElements(TargetMap(service % TargetMaps), [SlotKey(service, slot)])
                .AddElements(TargetMap(service % TargetMaps), [Target(service, slot, address)])
                .DeleteElements(HairpinSet, [Hairpin(old).Key])
                .AddElements(HairpinSet, [Hairpin(address)]);
        }

        string oldChain = EndpointChain(service, endpoints[0]);
        endpoints.RemoveAt(0);
        endpoints.Add(address);
        tx.FlushChain(ServiceChain(service)).FlushChain(oldChain).DeleteChain(oldChain);
        AddEndpointChain(tx, service, address);
        return tx.AddRule(NumgenVmapRule(service));
    }

    private NfRule CompactRule(int service) =>
        new(ServiceChain(service), [new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(NfValue.Tcp)), new NfNumgenDnatMap(_endpoints[service].Count, SlotBase(service), TargetMap(service % TargetMaps))]);

    private NfRule NumgenVmapRule(int service) =>
        new(ServiceChain(service), [new NfNumgenVerdictMap(_endpoints[service].Select(e => NfVerdict.Goto(EndpointChain(service, e))).ToList())]);

    private static void AddEndpointChain(NfTransaction tx, int service, IPAddress address)
    {
        string chain = EndpointChain(service, address);
        tx.AddChain(new NfChain(chain));
        tx.AddRule(new NfRule(chain, [new NfMatch(NfSelector.IpSaddr, NfValue.Address(address)), new NfVerdictStatement(NfVerdict.Jump("mark-for-masquerade"))]));
        tx.AddRule(new NfRule(chain, [new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(NfValue.Tcp)), new NfNat(NfNatKind.Dnat, address, 80)]));
    }

    private static uint SlotBase(int service) => (uint)(service / TargetMaps) * SlotsPerService;

    private static NfKey SlotKey(int service, int slot) => new(NfValue.Integer(SlotBase(service) + (uint)slot));

    private static NfElement Target(int service, int slot, IPAddress endpoint) =>
        new(SlotKey(service, slot), Data: new NfKey(NfValue.Address(endpoint), NfValue.Port(80)));

    private static NfElement Hairpin(IPAddress endpoint) => new(new NfKey(NfValue.Address(endpoint), NfValue.Address(endpoint)));

    private static string TargetMap(int index) => $"endpoints-{index:x2}";

    private static string ServiceChain(int service) => $"service-{Hash(service):X8}-bench/svc-{service}/tcp/p80";

    private static string EndpointChain(int service, IPAddress address) => $"endpoint-{Hash(service ^ address.GetHashCode()):X8}-bench/svc-{service}/tcp/p80__{address}/80";

    private static uint Hash(int value) => (uint)value * 2654435761u;

    private static IPAddress Address(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
