using System.Globalization;
using System.Net;
using System.Text;
using FastKube.Dataplane.Kernel.NfTables;
using FastKube.Proxy.Tracking;

namespace FastKube.Proxy.Rules;

/// <summary>
/// THE per-service shape (kept in this one class so it can be swapped after the commit-cost measurements at
/// 10,000 services): which chains, sets and dispatch-map elements one service port becomes.
/// <code>
/// service-ips:        clusterIP . proto . port        : goto service-H-ns/name/proto/port
///                     externalIP|lbIP . proto . port  : goto external-H-…   (externals only)
/// service-nodeports:  proto . nodePort                : goto external-H-…
/// no-endpoint-*:      the same keys when nothing can serve them : goto reject-chain | drop
/// service-H-…:   [ip saddr != clusterCIDR jump mark-for-masquerade]
///                [ip saddr @affinity-H-…__ep goto endpoint-H-…__ep]…   (ClientIP affinity)
///                numgen random mod N vmap { i : goto endpoint-H-…__ep_i }
/// external-H-…:  Cluster policy: jump mark-for-masquerade; goto service-H-…
///                Local policy:   ip saddr clusterCIDR goto service-H-… (pods short-circuit); affinity; numgen over local endpoints
/// endpoint-H-…__ip/port: ip saddr ip jump mark-for-masquerade (hairpin); [update @affinity-…]; meta l4proto P dnat to ip:port
/// </code>
/// Names are <c>kind-HASH-ns/name/proto/port[__ip/port]</c>: HASH (8 hex digits of FNV-1a over the readable
/// part) keeps names unique and fixed-width-prefixed as upstream's. Worst case "endpoint-" (9) + 8 + "-" (1)
/// + namespace 63 + "/" + name 63 + "/" + "sctp" 4 + "/" + port name 15 + "__" + "255.255.255.255" 15 + "/" +
/// "65535" 5 = 191 bytes, under nf_tables' 255 (NFT_NAME_MAXLEN 256 with the NUL).
/// </summary>
internal static class ServiceShape
{
    public static ServiceRules Build(ServicePortName name, ServicePortInfo service, IReadOnlyList<EndpointInfo> endpoints, RuleContext context)
    {
        var rules = new ServiceRules();
        var (cluster, external, anyUsable) = EndpointSelection.Select(service, endpoints, context.NodeName);
        string readable = Readable(name, service.Port);
        string serviceChain = ChainName("service", readable);
        string externalChain = ChainName("external", readable);
        var noEndpointVerdict = anyUsable ? NfVerdict.Drop : NfVerdict.Goto(ProxyTable.RejectChain);

        // Endpoint chains for every endpoint either direction uses, in the tracker's (address) order.
        var used = new HashSet<EndpointInfo>(cluster);
        used.UnionWith(external);
        foreach (var endpoint in endpoints.Where(used.Contains))
        {
            AddEndpoint(rules, name, service, readable, endpoint);
        }

        var clusterKey = ServiceKey(service.ClusterIp, name.Protocol, service.Port);
        if (cluster.Count > 0)
        {
            rules.Chains.Add(serviceChain);
            if (context.MasqueradeAll)
            {
                rules.Rules.Add(new NfRule(serviceChain, [Jump(ProxyTable.MarkForMasquerade)]));
            }
            else
            {
                foreach (var cidr in context.ClusterCidrs)
                {
                    rules.Rules.Add(new NfRule(serviceChain, [Prefix(NfSelector.IpSaddr, cidr, NfCompare.NotEqual), Jump(ProxyTable.MarkForMasquerade)]));
                }
            }

            AddDispatch(rules, serviceChain, cluster, readable, service);
            rules.Elements.Add((ProxyTable.ServiceIps, new NfElement(clusterKey, NfVerdict.Goto(serviceChain))));
        }
        else
        {
            rules.Elements.Add((ProxyTable.NoEndpointServices, new NfElement(clusterKey, noEndpointVerdict)));
        }

        if (!service.HasExternalDestinations)
        {
            return rules;
        }

        NfVerdict externalVerdict;
        if (external.Count > 0)
        {
            externalVerdict = NfVerdict.Goto(externalChain);
            rules.Chains.Add(externalChain);
            if (!service.ExternalPolicyLocal)
            {
                rules.Rules.Add(new NfRule(externalChain, [Jump(ProxyTable.MarkForMasquerade)]));
                rules.Rules.Add(new NfRule(externalChain, [new NfVerdictStatement(NfVerdict.Goto(serviceChain))]));
            }
            else
            {
                // Pods keep using every endpoint of the service; only traffic from outside is kept on this node
                // (and keeps its source address, which is what Local is for).
                if (cluster.Count > 0)
                {
                    foreach (var cidr in context.ClusterCidrs)
                    {
                        rules.Rules.Add(new NfRule(externalChain, [Prefix(NfSelector.IpSaddr, cidr, NfCompare.Equal), new NfVerdictStatement(NfVerdict.Goto(serviceChain))]));
                    }
                }

                AddDispatch(rules, externalChain, external, readable, service);
            }
        }
        else
        {
            externalVerdict = service.ExternalPolicyLocal && anyUsable ? NfVerdict.Drop : NfVerdict.Goto(ProxyTable.RejectChain);
        }

        string ipMap = external.Count > 0 ? ProxyTable.ServiceIps : ProxyTable.NoEndpointServices;
        foreach (var address in service.ExternalIps.Concat(service.LoadBalancerIps).Distinct())
        {
            rules.Elements.Add((ipMap, new NfElement(ServiceKey(address, name.Protocol, service.Port), externalVerdict)));
        }

        if (service.NodePort != 0)
        {
            var key = new NfKey(NfValue.Protocol(name.Protocol), NfValue.Port(service.NodePort));
            rules.Elements.Add((external.Count > 0 ? ProxyTable.ServiceNodePorts : ProxyTable.NoEndpointNodePorts, new NfElement(key, externalVerdict)));
        }

        return rules;
    }

    /// <summary>Affinity lookups (when ClientIP affinity is on) then a random pick among <paramref name="endpoints"/>.</summary>
    private static void AddDispatch(ServiceRules rules, string chain, IReadOnlyList<EndpointInfo> endpoints, string readable, ServicePortInfo service)
    {
        if (service.AffinityTimeout is not null)
        {
            foreach (var endpoint in endpoints)
            {
                rules.Rules.Add(new NfRule(chain, [
                    new NfSetMatch(ProxyTable.SourceSelector, AffinitySetName(readable, endpoint)),
                    new NfVerdictStatement(NfVerdict.Goto(EndpointChainName(readable, endpoint))),
                ]));
            }
        }

        rules.Rules.Add(new NfRule(chain, [new NfNumgenVerdictMap(endpoints.Select(e => NfVerdict.Goto(EndpointChainName(readable, e))).ToList())]));
    }

    private static void AddEndpoint(ServiceRules rules, ServicePortName name, ServicePortInfo service, string readable, EndpointInfo endpoint)
    {
        string chain = EndpointChainName(readable, endpoint);
        rules.Chains.Add(chain);
        rules.Rules.Add(new NfRule(chain, [new NfMatch(NfSelector.IpSaddr, NfValue.Address(endpoint.Address)), Jump(ProxyTable.MarkForMasquerade)]));
        var dnat = new List<NfStatement>(3);
        if (service.AffinityTimeout is { } timeout)
        {
            string set = AffinitySetName(readable, endpoint);
            rules.Sets.Add(new NfSet(set, [NfDataType.Ipv4Addr], Timeouts: true, DefaultTimeout: timeout, Dynamic: true));
            dnat.Add(new NfSetUpdate(set, ProxyTable.SourceSelector));
        }

        dnat.Add(new NfMatch(NfSelector.MetaL4Proto, NfValue.Protocol(name.Protocol)));
        dnat.Add(new NfNat(NfNatKind.Dnat, endpoint.Address, endpoint.Port));
        rules.Rules.Add(new NfRule(chain, dnat));
    }

    public static NfKey ServiceKey(IPAddress address, byte protocol, ushort port) =>
        new(NfValue.Address(address), NfValue.Protocol(protocol), NfValue.Port(port));

    public static NfPrefixMatch Prefix(NfSelector selector, IPNetwork network, NfCompare compare) =>
        new(selector, network.BaseAddress, network.PrefixLength, compare);

    private static NfVerdictStatement Jump(string chain) => new(NfVerdict.Jump(chain));

    /// <summary><c>ns/name/proto/port</c>, with <c>p80</c> standing for an unnamed port.</summary>
    private static string Readable(ServicePortName name, ushort port) =>
        $"{name.Namespace}/{name.Name}/{name.ProtocolName}/{(name.Port.Length > 0 ? name.Port : "p" + port.ToString(CultureInfo.InvariantCulture))}";

    private static string EndpointChainName(string readable, EndpointInfo endpoint) => ChainName("endpoint", Endpoint(readable, endpoint));

    private static string AffinitySetName(string readable, EndpointInfo endpoint) => ChainName("affinity", Endpoint(readable, endpoint));

    private static string Endpoint(string readable, EndpointInfo endpoint) =>
        readable + "__" + endpoint.Address + "/" + endpoint.Port.ToString(CultureInfo.InvariantCulture);

    private static string ChainName(string kind, string readable) =>
        kind + "-" + Fnv1a(readable).ToString("x8", CultureInfo.InvariantCulture) + "-" + readable;

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        Span<byte> buffer = stackalloc byte[256];
        int length = Encoding.UTF8.GetBytes(text, buffer);
        foreach (byte b in buffer[..length])
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
