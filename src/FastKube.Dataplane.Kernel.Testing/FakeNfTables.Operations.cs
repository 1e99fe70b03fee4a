using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Dataplane.Kernel.Testing;

public sealed partial class FakeNfTables
{
    private static (int Errno, string Message)? Chain(FakeTable table, NfChainOperation op)
    {
        string name = op.Chain.Name;
        var existing = table.Chain(name);
        switch (op.Verb)
        {
            case NfVerb.Add or NfVerb.Create when existing is not null:
                if (op.Verb == NfVerb.Create)
                {
                    return (EExist, $"chain {name} exists");
                }

                return op.Chain.Base == existing.Definition.Base || op.Chain.Base is null
                    ? null
                    : (EBusy, $"chain {name} exists with another hook");
            case NfVerb.Add or NfVerb.Create:
                table.Chains.Add(new FakeChain(op.Chain));
                return null;
            case NfVerb.Flush or NfVerb.Delete when existing is null:
                return (ENoEnt, $"chain {name} does not exist");
            case NfVerb.Flush:
                existing.Rules.Clear();
                return null;
            default:
                // The kernel deletes a chain's own rules with it, but not a chain something still jumps to.
                if (table.IsChainReferenced(name))
                {
                    return (EBusy, $"chain {name} is still referenced");
                }

                table.Chains.RemoveAll(c => c.Definition.Name == name);
                return null;
        }
    }

    private static (int Errno, string Message)? Set(FakeTable table, NfSetOperation op)
    {
        string name = op.Set.Name;
        var existing = table.Set(name);
        switch (op.Verb)
        {
            case NfVerb.Add or NfVerb.Create when existing is not null:
                return op.Verb == NfVerb.Add && SameShape(existing.Spec, op.Set) ? null : (EExist, $"set {name} exists");
            case NfVerb.Add or NfVerb.Create:
                table.Sets.Add(new FakeSet(op.Set));
                return null;
            case NfVerb.Flush or NfVerb.Delete when existing is null:
                return (ENoEnt, $"set {name} does not exist");
            case NfVerb.Flush:
                existing.Elements.Clear();
                return null;
            default:
                if (table.IsSetReferenced(name))
                {
                    return (EBusy, $"set {name} is used by a rule");
                }

                table.Sets.RemoveAll(s => s.Spec.Name == name);
                return null;
        }
    }

    private static bool SameShape(NfSet a, NfSet b) =>
        a.Key.SequenceEqual(b.Key) && a.Data == b.Data && a.Timeouts == b.Timeouts && a.Dynamic == b.Dynamic;

    private static (int Errno, string Message)? Rule(FakeTable table, NfRule rule)
    {
        var chain = table.Chain(rule.Chain);
        if (chain is null)
        {
            return (ENoEnt, $"chain {rule.Chain} does not exist");
        }

        foreach (var target in FakeRules.TargetChains(rule))
        {
            if (table.Chain(target) is null)
            {
                return (ENoEnt, $"jump/goto target chain {target} does not exist");
            }
        }

        foreach (var set in FakeRules.Sets(rule))
        {
            if (table.Set(set) is null)
            {
                return (ENoEnt, $"set {set} does not exist");
            }
        }

        chain.Rules.Add(rule);
        return null;
    }

    private static (int Errno, string Message)? Elements(FakeTable table, NfElementsOperation op)
    {
        var set = table.Set(op.Set);
        if (set is null)
        {
            return (ENoEnt, $"set {op.Set} does not exist");
        }

        foreach (var element in op.Elements)
        {
            if (element.Key.Length != set.Spec.KeyLength)
            {
                return (EInval, $"key {element.Key} has {element.Key.Length} bytes, set {op.Set} keys have {set.Spec.KeyLength}");
            }

            set.Elements.TryGetValue(element.Key, out var existing);
            switch (op.Verb)
            {
                case NfVerb.Delete when existing is null:
                    return (ENoEnt, $"element {element.Key} is not in set {op.Set}");
                case NfVerb.Delete:
                    set.Elements.Remove(element.Key);
                    continue;
            }

            bool hasData = set.Spec.DataHasPort ? element.Data is not null : element.Verdict is not null;
            if (set.Spec.IsMap != hasData || (set.Spec.DataHasPort && element.Verdict is not null))
            {
                return (EInval, $"element {element.Key}: {(set.Spec.IsMap ? "a map element needs data of the map's type" : "a set element takes no data")}");
            }

            if (element.Data is { } data && data.Length != set.Spec.DataLength)
            {
                return (EInval, $"element {element.Key}: data {data} has the wrong length for map {op.Set}");
            }

            if (element.Verdict is { TargetsChain: true } verdict && table.Chain(verdict.Chain!) is null)
            {
                return (ENoEnt, $"element {element.Key}: chain {verdict.Chain} does not exist");
            }

            if (existing is not null)
            {
                if (op.Verb == NfVerb.Create || existing.Verdict != element.Verdict || !Equals(existing.Data, element.Data))
                {
                    return (EExist, $"element {element.Key} exists in set {op.Set}");
                }

                continue;
            }

            set.Elements.Add(element.Key, element);
        }

        return null;
    }
}
