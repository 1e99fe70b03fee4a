using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Dataplane.Kernel.Testing;

/// <summary>The fake's state of one table: chains with their rules and sets with their elements, in creation order.</summary>
internal sealed class FakeTable
{
    public FakeTable(NfTableRef reference)
    {
        Reference = reference;
    }

    public NfTableRef Reference { get; }

    public List<FakeChain> Chains { get; } = [];

    public List<FakeSet> Sets { get; } = [];

    public FakeChain? Chain(string name) => Chains.Find(c => c.Definition.Name == name);

    public FakeSet? Set(string name) => Sets.Find(s => s.Spec.Name == name);

    public FakeTable Clone()
    {
        var copy = new FakeTable(Reference);
        copy.Chains.AddRange(Chains.Select(c => c.Clone()));
        copy.Sets.AddRange(Sets.Select(s => s.Clone()));
        return copy;
    }

    /// <summary>Rules and verdict-map elements that jump or go to <paramref name="chain"/> (the kernel's chain use count).</summary>
    public bool IsChainReferenced(string chain) =>
        Chains.Any(c => c.Rules.Any(r => FakeRules.TargetChains(r).Contains(chain)))
        || Sets.Any(s => s.Elements.Values.Any(e => e.Verdict?.Chain == chain));

    public bool IsSetReferenced(string set) => Chains.Any(c => c.Rules.Any(r => FakeRules.Sets(r).Contains(set)));
}

internal sealed class FakeChain(NfChain definition)
{
    public NfChain Definition { get; } = definition;

    public List<NfRule> Rules { get; } = [];

    public FakeChain Clone()
    {
        var copy = new FakeChain(Definition);
        copy.Rules.AddRange(Rules);
        return copy;
    }
}

internal sealed class FakeSet(NfSet spec)
{
    public NfSet Spec { get; } = spec;

    /// <summary>Elements by key, insertion-ordered for stable dumps.</summary>
    public Dictionary<NfKey, NfElement> Elements { get; } = [];

    public FakeSet Clone()
    {
        var copy = new FakeSet(Spec);
        foreach (var (key, element) in Elements)
        {
            copy.Elements.Add(key, element);
        }

        return copy;
    }
}

/// <summary>What a rule refers to, for the kernel's reference checks.</summary>
internal static class FakeRules
{
    public static IEnumerable<string> TargetChains(NfRule rule) => rule.Statements.SelectMany(statement => statement switch
    {
        NfVerdictStatement { Verdict.TargetsChain: true } v => [v.Verdict.Chain!],
        NfNumgenVerdictMap numgen => numgen.Targets.Where(t => t.TargetsChain).Select(t => t.Chain!),
        _ => Enumerable.Empty<string>(),
    });

    public static IEnumerable<string> Sets(NfRule rule) => rule.Statements.SelectMany(statement => statement switch
    {
        NfSetMatch m => [m.Set],
        NfVerdictMap m => [m.Map],
        NfSetUpdate u => [u.Set],
        NfNumgenDnatMap m => [m.Map],
        _ => Enumerable.Empty<string>(),
    });
}
