using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Proxy.Rules;

/// <summary>
/// Pure: desired state → one <see cref="NfTransaction"/>, never touching the kernel. A full transaction
/// rewrites the table (table-wide skeleton plus every service's <see cref="ServiceRules"/>); a partial one
/// touches only the given services' chains, affinity sets and dispatch-map elements.
/// </summary>
internal static class RuleBuilder
{
    /// <summary>
    /// Every object of the table. <paramref name="previous"/> null: the table is deleted and created again in
    /// the same batch (adoption at start and recovery after a failure: nothing stale can survive). Otherwise
    /// (periodic resync) chains and sets are kept, so ClientIP affinity survives: every rule and dispatch map is
    /// flushed and written again, and objects of <paramref name="previous"/> no longer wanted are deleted.
    /// </summary>
    public static NfTransaction Full(RuleContext context, IReadOnlyList<ServiceRules> services, IEnumerable<ServiceRules>? previous)
    {
        var tx = new NfTransaction(ProxyTable.Table).AddTable();
        if (previous is null)
        {
            tx.DeleteTable().AddTable();
        }
        else
        {
            tx.FlushTable();
            foreach (var map in ProxyTable.DispatchMaps)
            {
                tx.FlushSet(map);
            }
        }

        AddSkeletonObjects(tx, context);
        foreach (var service in services)
        {
            foreach (var chain in service.Chains)
            {
                tx.AddChain(new NfChain(chain));
            }

            foreach (var set in service.Sets)
            {
                tx.AddSet(set);
            }
        }

        if (previous is not null)
        {
            var chains = services.SelectMany(s => s.Chains).ToHashSet(StringComparer.Ordinal);
            var sets = services.SelectMany(s => s.Sets).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var old = previous.ToList();
            foreach (var chain in old.SelectMany(s => s.Chains).Where(c => !chains.Contains(c)))
            {
                tx.DeleteChain(chain);
            }

            foreach (var set in old.SelectMany(s => s.Sets).Where(s => !sets.Contains(s.Name)))
            {
                tx.DeleteSet(set.Name);
            }
        }

        AddSkeletonRules(tx, context);
        foreach (var service in services)
        {
            foreach (var rule in service.Rules)
            {
                tx.AddRule(rule);
            }
        }

        foreach (var group in services.SelectMany(s => s.Elements).GroupBy(e => e.Map, StringComparer.Ordinal))
        {
            tx.AddElements(group.Key, group.Select(e => e.Element).ToList());
        }

        return tx;
    }

    /// <summary>The changes between the last applied and the wanted rules of some services; null when nothing differs.</summary>
    public static NfTransaction? Partial(IReadOnlyList<(ServiceRules Old, ServiceRules New)> changes)
    {
        var tx = new NfTransaction(ProxyTable.Table);
        var deletes = new SortedDictionary<string, List<NfKey>>(StringComparer.Ordinal);
        var adds = new SortedDictionary<string, List<NfElement>>(StringComparer.Ordinal);
        var staleChains = new List<string>();
        var staleSets = new List<string>();
        var replacedSets = new List<NfSet>();
        var rewritten = new List<NfRule>();
        foreach (var (old, next) in changes)
        {
            var oldElements = old.Elements.ToHashSet();
            var newElements = next.Elements.ToHashSet();
            foreach (var (map, element) in old.Elements.Where(e => !newElements.Contains(e)))
            {
                (deletes.TryGetValue(map, out var keys) ? keys : deletes[map] = []).Add(element.Key);
            }

            foreach (var (map, element) in next.Elements.Where(e => !oldElements.Contains(e)))
            {
                (adds.TryGetValue(map, out var elements) ? elements : adds[map] = []).Add(element);
            }

            bool setsReplaced = false;
            var oldSets = old.Sets.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var newSets = next.Sets.ToDictionary(s => s.Name, StringComparer.Ordinal);
            foreach (var set in next.Sets)
            {
                if (!oldSets.TryGetValue(set.Name, out var existing))
                {
                    tx.AddSet(set);
                }
                else if (existing.DefaultTimeout != set.DefaultTimeout)
                {
                    // A set's timeout cannot be changed in place: delete it once no rule uses it, then add it anew.
                    setsReplaced = true;
                    staleSets.Add(set.Name);
                    replacedSets.Add(set);
                }
            }

            staleSets.AddRange(old.Sets.Where(s => !newSets.ContainsKey(s.Name)).Select(s => s.Name));
            var oldChains = old.Chains.ToHashSet(StringComparer.Ordinal);
            var newChains = next.Chains.ToHashSet(StringComparer.Ordinal);
            var oldRules = old.Rules.ToLookup(r => r.Chain, StringComparer.Ordinal);
            var newRules = next.Rules.ToLookup(r => r.Chain, StringComparer.Ordinal);
            foreach (var chain in next.Chains)
            {
                if (!oldChains.Contains(chain))
                {
                    tx.AddChain(new NfChain(chain));
                }
                else if (!setsReplaced && SameRules(oldRules[chain], newRules[chain]))
                {
                    // Unchanged (typically the chains of endpoints that stay): not rewritten at all.
                    continue;
                }
                else
                {
                    tx.FlushChain(chain);
                }

                rewritten.AddRange(newRules[chain]);
            }

            staleChains.AddRange(old.Chains.Where(c => !newChains.Contains(c)));
        }

        // Element deletes first (they may point at stale chains), then stale chains are emptied before any is
        // deleted (one may jump to another), then sets that only stale rules used.
        foreach (var (map, keys) in deletes)
        {
            tx.DeleteElements(map, keys);
        }

        staleChains.ForEach(c => tx.FlushChain(c));
        staleChains.ForEach(c => tx.DeleteChain(c));
        staleSets.ForEach(s => tx.DeleteSet(s));
        replacedSets.ForEach(s => tx.AddSet(s));
        foreach (var rule in rewritten)
        {
            tx.AddRule(rule);
        }

        foreach (var (map, elements) in adds)
        {
            tx.AddElements(map, elements);
        }

        return tx.Count == 0 ? null : tx;
    }

    /// <summary>
    /// Rule lists compared statement by statement (statements are records; the key lists inside them are shared
    /// instances from <see cref="ProxyTable"/>, so equal rules compare equal).
    /// </summary>
    private static bool SameRules(IEnumerable<NfRule> a, IEnumerable<NfRule> b) =>
        a.SequenceEqual(b, RuleComparer.Instance);

    private static void AddSkeletonObjects(NfTransaction tx, RuleContext context)
    {
        tx.AddChain(new NfChain("nat-prerouting", new NfBaseChain(NfChainType.Nat, NfHook.Prerouting, NfBaseChain.DstNatPriority)))
            .AddChain(new NfChain("nat-output", new NfBaseChain(NfChainType.Nat, NfHook.Output, NfBaseChain.DstNatPriority)))
            .AddChain(new NfChain("nat-postrouting", new NfBaseChain(NfChainType.Nat, NfHook.Postrouting, NfBaseChain.SrcNatPriority)))
            .AddChain(new NfChain("filter-input", new NfBaseChain(NfChainType.Filter, NfHook.Input, NfBaseChain.FilterPriority)))
            .AddChain(new NfChain("filter-forward", new NfBaseChain(NfChainType.Filter, NfHook.Forward, NfBaseChain.FilterPriority)))
            .AddChain(new NfChain("filter-output", new NfBaseChain(NfChainType.Filter, NfHook.Output, NfBaseChain.FilterPriority)))
            .AddChain(new NfChain(ProxyTable.Services))
            .AddChain(new NfChain(ProxyTable.EndpointsCheck))
            .AddChain(new NfChain(ProxyTable.MarkForMasquerade))
            .AddChain(new NfChain(ProxyTable.Masquerading))
            .AddChain(new NfChain(ProxyTable.RejectChain))
            .AddSet(new NfSet(ProxyTable.ServiceIps, ProxyTable.ServiceKey, NfDataType.Verdict))
            .AddSet(new NfSet(ProxyTable.ServiceNodePorts, ProxyTable.NodePortKey, NfDataType.Verdict))
            .AddSet(new NfSet(ProxyTable.NoEndpointServices, ProxyTable.ServiceKey, NfDataType.Verdict))
            .AddSet(new NfSet(ProxyTable.NoEndpointNodePorts, ProxyTable.NodePortKey, NfDataType.Verdict));
        if (context.NodePortIps is not null)
        {
            tx.AddSet(new NfSet(ProxyTable.NodePortIps, [NfDataType.Ipv4Addr])).FlushSet(ProxyTable.NodePortIps);
        }
    }

    private static void AddSkeletonRules(NfTransaction tx, RuleContext context)
    {
        var jumpServices = new NfVerdictStatement(NfVerdict.Jump(ProxyTable.Services));
        var checkEndpoints = new NfRule("", [new NfMatch(NfSelector.CtState, NfValue.CtState(NfCtState.New)), new NfVerdictStatement(NfVerdict.Jump(ProxyTable.EndpointsCheck))]);
        tx.AddRule(new NfRule("nat-prerouting", [jumpServices]))
            .AddRule(new NfRule("nat-output", [jumpServices]))
            .AddRule(new NfRule("nat-postrouting", [new NfVerdictStatement(NfVerdict.Jump(ProxyTable.Masquerading))]))
            .AddRule(checkEndpoints with { Chain = "filter-input" })
            .AddRule(checkEndpoints with { Chain = "filter-forward" })
            .AddRule(checkEndpoints with { Chain = "filter-output" })
            .AddRule(new NfRule(ProxyTable.MarkForMasquerade, [new NfMarkSet(context.MasqueradeMark)]))
            .AddRule(new NfRule(ProxyTable.Masquerading, [new NfMaskedMatch(NfSelector.MetaMark, context.MasqueradeMark, context.MasqueradeMark), new NfMasquerade(FullyRandom: true)]))
            .AddRule(new NfRule(ProxyTable.RejectChain, [new NfReject(NfRejectKind.TcpReset)]))
            .AddRule(new NfRule(ProxyTable.RejectChain, [new NfReject(NfRejectKind.IcmpPortUnreachable)]));

        List<NfStatement> local = context.NodePortIps is null
            ? [new NfFibDaddrLocal(), ServiceShape.Prefix(NfSelector.IpDaddr, ProxyTable.Loopback, NfCompare.NotEqual)]
            : [new NfSetMatch([NfSelector.IpDaddr], ProxyTable.NodePortIps)];
        tx.AddRule(new NfRule(ProxyTable.Services, [new NfVerdictMap(ProxyTable.ServiceSelector, ProxyTable.ServiceIps)]))
            .AddRule(new NfRule(ProxyTable.Services, [.. local, new NfVerdictMap(ProxyTable.NodePortSelector, ProxyTable.ServiceNodePorts)]))
            .AddRule(new NfRule(ProxyTable.EndpointsCheck, [new NfVerdictMap(ProxyTable.ServiceSelector, ProxyTable.NoEndpointServices)]))
            .AddRule(new NfRule(ProxyTable.EndpointsCheck, [.. local, new NfVerdictMap(ProxyTable.NodePortSelector, ProxyTable.NoEndpointNodePorts)]));
        if (context.NodePortIps is { Count: > 0 } addresses)
        {
            tx.AddElements(ProxyTable.NodePortIps, addresses.Select(a => new NfElement(new NfKey(NfValue.Address(a)))).ToList());
        }
    }

    private sealed class RuleComparer : IEqualityComparer<NfRule>
    {
        public static readonly RuleComparer Instance = new();

        public bool Equals(NfRule? x, NfRule? y) =>
            x is not null && y is not null && x.Chain == y.Chain && x.Comment == y.Comment && x.Statements.SequenceEqual(y.Statements);

        public int GetHashCode(NfRule obj) => obj.Chain.GetHashCode(StringComparison.Ordinal);
    }
}
