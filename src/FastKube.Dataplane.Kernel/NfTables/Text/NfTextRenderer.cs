using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FastKube.Dataplane.Kernel.NfTables.Text;

/// <summary>
/// Renders operations as <c>nft -f</c> commands and statements the way <c>nft list ruleset</c> prints them
/// (nft 1.0.6: dependencies such as <c>meta nfproto ipv4</c> hidden, marks as 0x%08x, <c>reject</c> for
/// icmpx port-unreachable), so a rendered rule line can be compared with the stock tool's output.
/// </summary>
internal static class NfTextRenderer
{
    public static void AppendCommand(StringBuilder text, NfTableRef table, NfOperation operation)
    {
        switch (operation)
        {
            case NfTableOperation op:
                text.Append(Verb(op.Verb)).Append(" table ").Append(table.ToString());
                break;
            case NfChainOperation op:
                text.Append(Verb(op.Verb)).Append(" chain ").Append(table.ToString()).Append(' ').Append(op.Chain.Name);
                if (op.Chain.Base is { } hook && op.Verb is NfVerb.Add or NfVerb.Create)
                {
                    text.Append(" { type ").Append(NfNames.Of(hook.Type)).Append(" hook ").Append(NfNames.Of(hook.Hook))
                        .Append(" priority ").Append(hook.Priority.ToString(CultureInfo.InvariantCulture))
                        .Append(" ; policy ").Append(NfNames.Of(hook.Policy)).Append(" ; }");
                }

                break;
            case NfSetOperation op:
                text.Append(Verb(op.Verb)).Append(op.Set.IsMap ? " map " : " set ").Append(table.ToString()).Append(' ').Append(op.Set.Name);
                if (op.Verb is NfVerb.Add or NfVerb.Create)
                {
                    text.Append(" { ").Append(SetType(op.Set)).Append(" ;");
                    if (SetFlags(op.Set) is { Length: > 0 } flags)
                    {
                        text.Append(" flags ").Append(flags).Append(" ;");
                    }

                    if (op.Set.DefaultTimeout is { } timeout)
                    {
                        text.Append(" timeout ").Append(Duration(timeout)).Append(" ;");
                    }

                    text.Append(" }");
                }

                break;
            case NfRuleOperation op:
                text.Append("add rule ").Append(table.ToString()).Append(' ').Append(op.Rule.Chain).Append(' ');
                AppendRule(text, table.Family, op.Rule, listing: false);
                break;
            case NfElementsOperation op:
                text.Append(Verb(op.Verb)).Append(" element ").Append(table.ToString()).Append(' ').Append(op.Set).Append(" { ");
                for (int i = 0; i < op.Elements.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    AppendElement(text, op.Elements[i], op.Verb == NfVerb.Delete);
                }

                text.Append(" }");
                break;
        }
    }

    public static void AppendRule(StringBuilder text, NfFamily family, NfRule rule, bool listing)
    {
        for (int i = 0; i < rule.Statements.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            AppendStatement(text, family, rule.Statements[i], listing);
        }

        if (rule.Comment is { } comment)
        {
            text.Append(" comment \"").Append(comment).Append('"');
        }
    }

    public static void AppendStatement(StringBuilder text, NfFamily family, NfStatement statement, bool listing)
    {
        switch (statement)
        {
            case NfMatch match:
                text.Append(NfSelectors.Text(match.Selector)).Append(match.Compare == NfCompare.NotEqual ? " != " : " ").Append(match.Value.ToString());
                break;
            case NfMaskedMatch masked:
                text.Append(NfSelectors.Text(masked.Selector)).Append(" & ").Append(Hex(masked.Mask))
                    .Append(masked.Compare == NfCompare.NotEqual ? " != " : " == ").Append(Hex(masked.Value));
                break;
            case NfPrefixMatch prefix:
                text.Append(NfSelectors.Text(prefix.Selector)).Append(prefix.Compare == NfCompare.NotEqual ? " != " : " ")
                    .Append(prefix.Network.ToString()).Append('/').Append(prefix.PrefixLength.ToString(CultureInfo.InvariantCulture));
                break;
            case NfFibDaddrLocal fib:
                text.Append(fib.Compare == NfCompare.NotEqual ? "fib daddr type != local" : "fib daddr type local");
                break;
            case NfSetMatch lookup:
                AppendKey(text, lookup.Key);
                text.Append(lookup.Negate ? " != @" : " @").Append(lookup.Set);
                break;
            case NfVerdictMap map:
                AppendKey(text, map.Key);
                text.Append(" vmap @").Append(map.Map);
                break;
            case NfNumgenVerdictMap numgen:
                text.Append("numgen random mod ").Append(numgen.Targets.Count.ToString(CultureInfo.InvariantCulture)).Append(" vmap { ");
                for (int i = 0; i < numgen.Targets.Count; i++)
                {
                    text.Append(i > 0 ? ", " : "").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" : ").Append(numgen.Targets[i].ToString());
                }

                text.Append(" }");
                break;
            case NfNumgenDnatMap map:
                // nft names the address family of a concatenated address . port target in every table family.
                text.Append("dnat ").Append(map.AddressFamily == NfFamily.Ip6 ? "ip6" : "ip").Append(" to numgen random mod ")
                    .Append(map.Modulus.ToString(CultureInfo.InvariantCulture));
                if (map.Offset != 0)
                {
                    text.Append(" offset ").Append(map.Offset.ToString(CultureInfo.InvariantCulture));
                }

                text.Append(" map @").Append(map.Map);
                break;
            case NfVerdictStatement verdict:
                text.Append(verdict.Verdict.ToString());
                break;
            case NfCounter:
                text.Append(listing ? "counter packets 0 bytes 0" : "counter");
                break;
            case NfNat nat:
                text.Append(nat.Kind == NfNatKind.Dnat ? "dnat " : "snat ");
                bool v6 = nat.Address.AddressFamily == AddressFamily.InterNetworkV6;
                if (family == NfFamily.Inet)
                {
                    text.Append(v6 ? "ip6 " : "ip ");
                }

                text.Append("to ").Append(v6 && nat.Port is not null ? "[" + nat.Address + "]" : nat.Address.ToString());
                if (nat.Port is { } port)
                {
                    text.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case NfMasquerade masquerade:
                text.Append(masquerade.FullyRandom ? "masquerade fully-random" : "masquerade");
                break;
            case NfReject reject:
                text.Append(reject.Kind switch
                {
                    NfRejectKind.TcpReset => "reject with tcp reset",
                    // nft lists an ip table's icmp port-unreachable (its default) as a bare "reject".
                    NfRejectKind.IcmpPortUnreachable => listing && family == NfFamily.Ip ? "reject" : "reject with icmp port-unreachable",

                    // nft lists icmpx port-unreachable as a bare "reject", but reads a bare "reject" after an
                    // IPv4 match as icmp port-unreachable: scripts spell it out.
                    _ => listing ? "reject" : "reject with icmpx port-unreachable",
                });
                break;
            case NfMarkSet mark:
                text.Append("meta mark set meta mark | ").Append(Hex(mark.Bits));
                break;
            case NfSetUpdate update:
                text.Append("update @").Append(update.Set).Append(" { ");
                AppendKey(text, update.Key);
                if (update.Timeout is { } timeout)
                {
                    text.Append(" timeout ").Append(Duration(timeout));
                }

                text.Append(" }");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement, "unknown statement");
        }
    }

    public static void AppendElement(StringBuilder text, NfElement element, bool keyOnly)
    {
        text.Append(element.Key.ToString());
        if (!keyOnly && element.Timeout is { } timeout)
        {
            text.Append(" timeout ").Append(Duration(timeout));
        }

        if (!keyOnly && element.Verdict is { } verdict)
        {
            text.Append(" : ").Append(verdict.ToString());
        }

        if (!keyOnly && element.Data is { } data)
        {
            text.Append(" : ").Append(data.ToString());
        }
    }

    /// <summary>The <c>flags</c> line of a set as nft prints it (<c>dynamic,timeout</c>), empty when none.</summary>
    public static string SetFlags(NfSet set) => (set.Dynamic, set.Timeouts) switch
    {
        (true, true) => "dynamic,timeout",
        (true, false) => "dynamic",
        (false, true) => "timeout",
        _ => "",
    };

    /// <summary>The type line of a set as nft prints and parses it: <c>type K1 . K2 : DATA</c>, or <c>typeof …</c> for a <see cref="NfSet.DnatTargetMap"/>.</summary>
    public static string SetType(NfSet set)
    {
        if (set.DataHasPort)
        {
            return set.Data == NfDataType.Ipv6Addr
                ? "typeof numgen random mod 1 : ip6 daddr . tcp dport"
                : "typeof numgen random mod 1 : ip daddr . tcp dport";
        }

        var type = "type " + string.Join(" . ", set.Key.Select(NfDataTypes.Name));
        return set.Data is { } data ? type + " : " + NfDataTypes.Name(data) : type;
    }

    /// <summary>nft's duration syntax: <c>3h</c>, <c>1h30m</c>, <c>10s</c>, <c>1d2h</c>, <c>250ms</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        var text = new StringBuilder();
        Part(text, duration.Days, "d");
        Part(text, duration.Hours, "h");
        Part(text, duration.Minutes, "m");
        Part(text, duration.Seconds, "s");
        Part(text, duration.Milliseconds, "ms");
        return text.Length == 0 ? "0s" : text.ToString();

        static void Part(StringBuilder text, int value, string unit)
        {
            if (value > 0)
            {
                text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }
    }

    /// <summary>nft's name for a standard priority of a hook, or the number (nft 1.0.6 prints <c>-100</c>, not <c>dstnat</c>, on output).</summary>
    public static string Priority(NfBaseChain chain) => (chain.Type, chain.Priority) switch
    {
        (_, -300) => "raw",
        (_, -150) => "mangle",
        (NfChainType.Nat, NfBaseChain.DstNatPriority) when chain.Hook == NfHook.Prerouting => "dstnat",
        (_, NfBaseChain.FilterPriority) => "filter",
        (_, 50) => "security",
        (NfChainType.Nat, NfBaseChain.SrcNatPriority) when chain.Hook == NfHook.Postrouting => "srcnat",
        _ => chain.Priority.ToString(CultureInfo.InvariantCulture),
    };

    private static void AppendKey(StringBuilder text, IReadOnlyList<NfSelector> key)
    {
        for (int i = 0; i < key.Count; i++)
        {
            text.Append(i > 0 ? " . " : "").Append(NfSelectors.Text(key[i]));
        }
    }

    private static string Hex(uint value) => "0x" + value.ToString("x8", CultureInfo.InvariantCulture);

    private static string Verb(NfVerb verb) => verb switch
    {
        NfVerb.Add => "add",
        NfVerb.Create => "create",
        NfVerb.Delete => "delete",
        _ => "flush",
    };
}
