namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>
/// What an operation does, with nft's meaning: <c>add</c> creates or keeps an existing object, <c>create</c>
/// fails with EEXIST if it exists, <c>delete</c> fails with ENOENT if it is missing (and EBUSY if still in
/// use), <c>flush</c> empties a chain of rules, a set of elements, or every chain of a table of rules.
/// </summary>
public enum NfVerb
{
    Add,
    Create,
    Delete,
    Flush,
}

/// <summary>One step of a <see cref="NfTransaction"/>.</summary>
public abstract record NfOperation(NfVerb Verb);

public sealed record NfTableOperation(NfVerb Verb) : NfOperation(Verb);

public sealed record NfChainOperation(NfVerb Verb, NfChain Chain) : NfOperation(Verb);

public sealed record NfSetOperation(NfVerb Verb, NfSet Set) : NfOperation(Verb);

/// <summary>Appends a rule (rules are replaced by flushing their chain, the way kube-proxy does it).</summary>
public sealed record NfRuleOperation(NfRule Rule) : NfOperation(NfVerb.Add);

/// <summary>Adds (<see cref="NfVerb.Add"/>/<see cref="NfVerb.Create"/>) or deletes elements of a named set or map.</summary>
public sealed record NfElementsOperation(NfVerb Verb, string Set, IReadOnlyList<NfElement> Elements) : NfOperation(Verb);
