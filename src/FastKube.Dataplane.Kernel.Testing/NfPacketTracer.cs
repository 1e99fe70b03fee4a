using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Dataplane.Kernel.Testing;

/// <summary>
/// Walks a packet through the <see cref="FakeNfTables"/> ruleset at one hook, as the kernel would for the
/// first packet of a flow: every table's base chains on that hook in priority order; rules evaluated in
/// order; jump returns to the next rule, goto does not; dnat/snat/masquerade end a nat chain with accept;
/// <c>numgen random</c> picks through <c>numgen</c> (modulus → index; default 0), for a numgen vmap and for
/// <c>dnat to numgen … map</c> (slot offset + index). Sets written by
/// <c>update @set</c> remember keys across traces of the same tracer, so ClientIP affinity can be checked.
/// </summary>
public sealed class NfPacketTracer
{
    private const int MaxJumpDepth = 16;

    private readonly FakeNfTables _nftables;
    private readonly Dictionary<(NfTableRef, string), HashSet<NfKey>> _dynamic = [];

    public NfPacketTracer(FakeNfTables nftables)
    {
        ArgumentNullException.ThrowIfNull(nftables);
        _nftables = nftables;
    }

    public NfTrace Trace(NfPacket packet, NfHook hook, Func<int, int>? numgen = null)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var state = new TraceState(packet, numgen ?? (_ => 0));
        var tables = _nftables.Tables.Values
            .Where(t => t.Reference.Family == NfFamily.Inet || (t.Reference.Family == NfFamily.Ip6) == packet.IsIpv6)
            .ToList();
        var baseChains = tables
            .SelectMany(t => t.Chains.Where(c => c.Definition.Base?.Hook == hook).Select(c => (Table: t, Chain: c)))
            .OrderBy(x => x.Chain.Definition.Base!.Priority)
            .ToList();
        foreach (var (table, chain) in baseChains)
        {
            state.Verdict = null;
            Run(table, chain, state, 0);
            var verdict = state.Verdict ?? new NfVerdict(chain.Definition.Base!.Policy == NfPolicy.Accept ? NfVerdictKind.Accept : NfVerdictKind.Drop);
            if (verdict.Kind == NfVerdictKind.Drop)
            {
                return state.Result(NfVerdictKind.Drop);
            }
        }

        return state.Result(NfVerdictKind.Accept);
    }

    /// <summary>Runs a chain; returns when the chain ends or a rule returns, leaving a terminal verdict in the state if any.</summary>
    private void Run(FakeTable table, FakeChain chain, TraceState state, int depth)
    {
        if (depth > MaxJumpDepth)
        {
            throw new InvalidOperationException($"jump depth over {MaxJumpDepth} at chain {chain.Definition.Name}: a loop the kernel would refuse");
        }

        state.Path.Add(chain.Definition.Name);
        foreach (var rule in chain.Rules)
        {
            var outcome = Evaluate(table, rule, state);
            if (outcome is not { } verdict)
            {
                continue;
            }

            switch (verdict.Kind)
            {
                case NfVerdictKind.Jump or NfVerdictKind.Goto:
                    Run(table, table.Chain(verdict.Chain!)!, state, depth + 1);
                    if (state.Verdict is not null || verdict.Kind == NfVerdictKind.Goto)
                    {
                        return;
                    }

                    continue;
                case NfVerdictKind.Return:
                    return;
                default:
                    state.Verdict = verdict;
                    return;
            }
        }
    }

    /// <summary>Evaluates one rule: null when a match fails or the rule ends without a verdict.</summary>
    private NfVerdict? Evaluate(FakeTable table, NfRule rule, TraceState state)
    {
        var packet = state.Packet;
        foreach (var statement in rule.Statements)
        {
            switch (statement)
            {
                case NfMatch match:
                    if (!Matches(match, packet, state.Mark))
                    {
                        return null;
                    }

                    break;
                case NfMaskedMatch masked:
                    uint value = masked.Selector == NfSelector.MetaMark ? state.Mark : 0;
                    if (((value & masked.Mask) == masked.Value) != (masked.Compare == NfCompare.Equal))
                    {
                        return null;
                    }

                    break;
                case NfPrefixMatch prefix:
                    if (ValueOf(prefix.Selector, packet, state.Mark) is not { } address
                        || NfPrefix.Contains(NfValue.Address(prefix.Network), prefix.PrefixLength, address) != (prefix.Compare == NfCompare.Equal))
                    {
                        return null;
                    }

                    break;
                case NfFibDaddrLocal fib:
                    if (packet.LocalDestination != (fib.Compare == NfCompare.Equal))
                    {
                        return null;
                    }

                    break;
                case NfSetMatch lookup:
                    if (KeyOf(lookup.Key, packet, state.Mark) is not { } key || Contains(table, lookup.Set, key) == lookup.Negate)
                    {
                        return null;
                    }

                    break;
                case NfVerdictMap map:
                    if (KeyOf(map.Key, packet, state.Mark) is not { } mapKey
                        || table.Set(map.Map)?.Elements.GetValueOrDefault(mapKey)?.Verdict is not { } mapped)
                    {
                        return null;
                    }

                    return mapped;
                case NfNumgenVerdictMap numgen:
                    int pick = state.Numgen(numgen.Targets.Count);
                    return pick >= 0 && pick < numgen.Targets.Count ? numgen.Targets[pick] : null;
                case NfNumgenDnatMap map:
                    int slot = state.Numgen(map.Modulus);
                    var target = slot >= 0 && slot < map.Modulus
                        ? table.Set(map.Map)?.Elements.GetValueOrDefault(new NfKey(NfValue.Integer(map.Offset + (uint)slot)))?.Data
                        : null;
                    if (target is null)
                    {
                        // A lookup miss ends the rule without a verdict, as in the kernel.
                        return null;
                    }

                    state.DnatAddress = target.Values[0].ToAddress();
                    state.DnatPort = (ushort)target.Values[1].Bits;
                    return NfVerdict.Accept;
                case NfVerdictStatement verdict:
                    return verdict.Verdict;
                case NfCounter:
                    break;
                case NfNat nat when nat.Kind == NfNatKind.Dnat:
                    state.DnatAddress = nat.Address;
                    state.DnatPort = nat.Port;
                    return NfVerdict.Accept;
                case NfNat nat:
                    state.SnatAddress = nat.Address;
                    return NfVerdict.Accept;
                case NfMasquerade:
                    state.Masqueraded = true;
                    return NfVerdict.Accept;
                case NfReject { Kind: NfRejectKind.TcpReset } when packet.Protocol != NfValue.Tcp:
                    // The implicit "meta l4proto tcp" dependency of a tcp reset.
                    return null;
                case NfReject reject:
                    state.Rejected = reject.Kind;
                    return NfVerdict.Drop;
                case NfMarkSet mark:
                    state.Mark |= mark.Bits;
                    break;
                case NfSetUpdate update:
                    if (KeyOf(update.Key, packet, state.Mark) is { } updateKey)
                    {
                        var remembered = _dynamic.TryGetValue((table.Reference, update.Set), out var keys) ? keys : _dynamic[(table.Reference, update.Set)] = [];
                        remembered.Add(updateKey);
                    }

                    break;
            }
        }

        return null;
    }

    private bool Contains(FakeTable table, string set, NfKey key) =>
        table.Set(set)?.Elements.ContainsKey(key) == true
        || (_dynamic.TryGetValue((table.Reference, set), out var keys) && keys.Contains(key));

    private static bool Matches(NfMatch match, NfPacket packet, uint mark)
    {
        if (match.Selector == NfSelector.CtState)
        {
            return ((uint)packet.State & (uint)match.Value.Bits) != 0 == (match.Compare == NfCompare.Equal);
        }

        var value = ValueOf(match.Selector, packet, mark);
        return value is not null && (value == match.Value) == (match.Compare == NfCompare.Equal);
    }

    private static NfKey? KeyOf(IReadOnlyList<NfSelector> selectors, NfPacket packet, uint mark)
    {
        var values = new NfValue[selectors.Count];
        for (int i = 0; i < values.Length; i++)
        {
            if (ValueOf(selectors[i], packet, mark) is not { } value)
            {
                return null;
            }

            values[i] = value;
        }

        return new NfKey(values);
    }

    /// <summary>The packet's value for a selector; null when the packet lacks the field (then the rule does not match, as with nft's dependencies).</summary>
    private static NfValue? ValueOf(NfSelector selector, NfPacket packet, uint mark) => selector switch
    {
        NfSelector.MetaL4Proto => NfValue.Protocol(packet.Protocol),
        NfSelector.MetaNfProto => NfValue.NfProto(packet.IsIpv6 ? NfFamily.Ip6 : NfFamily.Ip),
        NfSelector.MetaIifName => packet.InputInterface is { } iif ? NfValue.InterfaceName(iif) : null,
        NfSelector.MetaOifName => packet.OutputInterface is { } oif ? NfValue.InterfaceName(oif) : null,
        NfSelector.MetaMark => NfValue.Mark(mark),
        NfSelector.IpSaddr => packet.IsIpv6 ? null : NfValue.Address(packet.Source),
        NfSelector.IpDaddr => packet.IsIpv6 ? null : NfValue.Address(packet.Destination),
        NfSelector.Ip6Saddr => packet.IsIpv6 ? NfValue.Address(packet.Source) : null,
        NfSelector.Ip6Daddr => packet.IsIpv6 ? NfValue.Address(packet.Destination) : null,
        NfSelector.ThDport => NfValue.Port(packet.DestinationPort),
        NfSelector.TcpDport => packet.Protocol == NfValue.Tcp ? NfValue.Port(packet.DestinationPort) : null,
        NfSelector.UdpDport => packet.Protocol == NfValue.Udp ? NfValue.Port(packet.DestinationPort) : null,
        NfSelector.CtMark => NfValue.Mark(0),
        _ => null,
    };

    private sealed class TraceState(NfPacket packet, Func<int, int> numgen)
    {
        public NfPacket Packet { get; } = packet;

        public Func<int, int> Numgen { get; } = numgen;

        public List<string> Path { get; } = [];

        public NfVerdict? Verdict { get; set; }

        public uint Mark { get; set; } = packet.Mark;

        public System.Net.IPAddress? DnatAddress { get; set; }

        public ushort? DnatPort { get; set; }

        public System.Net.IPAddress? SnatAddress { get; set; }

        public bool Masqueraded { get; set; }

        public NfRejectKind? Rejected { get; set; }

        public NfTrace Result(NfVerdictKind verdict) => new(verdict, Path)
        {
            Rejected = Rejected,
            DnatAddress = DnatAddress,
            DnatPort = DnatPort,
            Masqueraded = Masqueraded,
            SnatAddress = SnatAddress,
            Mark = Mark,
        };
    }
}
