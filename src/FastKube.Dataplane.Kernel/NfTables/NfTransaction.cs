using System.Text;
using FastKube.Dataplane.Kernel.NfTables.Text;

namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>
/// An ordered list of operations on one table, applied all-or-nothing. Operations are checked as they are
/// added; the first problem is kept in <see cref="Error"/> and makes <see cref="INfTables.Apply"/> fail without
/// touching the kernel. <see cref="ToString"/> renders the transaction as an <c>nft -f</c> script.
/// </summary>
public sealed class NfTransaction
{
    /// <summary>NFT_NAME_MAXLEN is 256 including the terminating NUL.</summary>
    public const int MaxNameLength = 255;

    private readonly List<NfOperation> _operations = [];
    private readonly Dictionary<string, NfSet> _sets = new(StringComparer.Ordinal);

    public NfTransaction(NfTableRef table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table.Name);
        Table = table;
        CheckName("table", table.Name);
    }

    public NfTableRef Table { get; }

    public IReadOnlyList<NfOperation> Operations => _operations;

    /// <summary>The first invalid operation's description, or null.</summary>
    public string? Error { get; private set; }

    public int Count => _operations.Count;

    public NfTransaction AddTable() => Add(new NfTableOperation(NfVerb.Add));

    public NfTransaction DeleteTable() => Add(new NfTableOperation(NfVerb.Delete));

    public NfTransaction FlushTable() => Add(new NfTableOperation(NfVerb.Flush));

    public NfTransaction AddChain(NfChain chain) => Add(new NfChainOperation(NfVerb.Add, Checked(chain)));

    public NfTransaction CreateChain(NfChain chain) => Add(new NfChainOperation(NfVerb.Create, Checked(chain)));

    public NfTransaction DeleteChain(string name) => Add(new NfChainOperation(NfVerb.Delete, Checked(new NfChain(name))));

    public NfTransaction FlushChain(string name) => Add(new NfChainOperation(NfVerb.Flush, Checked(new NfChain(name))));

    public NfTransaction AddSet(NfSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        CheckName("set", set.Name);
        if (set.Key.Count == 0 || set.KeyLength > 64)
        {
            Fail($"set {set.Name}: a key needs 1 to 16 registers (64 bytes), not {set.KeyLength} bytes");
        }

        _sets[set.Name] = set;
        return Add(new NfSetOperation(NfVerb.Add, set));
    }

    public NfTransaction DeleteSet(string name) => Add(new NfSetOperation(NfVerb.Delete, CheckedSetName(name)));

    public NfTransaction FlushSet(string name) => Add(new NfSetOperation(NfVerb.Flush, CheckedSetName(name)));

    public NfTransaction AddRule(NfRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        CheckName("chain", rule.Chain);
        foreach (var statement in rule.Statements)
        {
            CheckStatement(rule.Chain, statement);
        }

        return Add(new NfRuleOperation(rule));
    }

    public NfTransaction AddElements(string set, IReadOnlyList<NfElement> elements) =>
        Add(new NfElementsOperation(NfVerb.Add, set, CheckedElements(set, elements)));

    public NfTransaction CreateElements(string set, IReadOnlyList<NfElement> elements) =>
        Add(new NfElementsOperation(NfVerb.Create, set, CheckedElements(set, elements)));

    public NfTransaction DeleteElements(string set, IReadOnlyList<NfKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Add(new NfElementsOperation(NfVerb.Delete, set, CheckedElements(set, keys.Select(k => new NfElement(k)).ToList())));
    }

    /// <summary>The transaction as an <c>nft -f</c> script, one command per line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(64 * _operations.Count);
        foreach (var operation in _operations)
        {
            NfTextRenderer.AppendCommand(text, Table, operation);
            text.Append('\n');
        }

        return text.ToString();
    }

    private NfTransaction Add(NfOperation operation)
    {
        _operations.Add(operation);
        return this;
    }

    private NfChain Checked(NfChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        CheckName("chain", chain.Name);
        return chain;
    }

    private NfSet CheckedSetName(string name)
    {
        CheckName("set", name);
        return _sets.TryGetValue(name, out var known) ? known : new NfSet(name, [NfDataType.Integer]);
    }

    private IReadOnlyList<NfElement> CheckedElements(string set, IReadOnlyList<NfElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        CheckName("set", set);
        if (!_sets.TryGetValue(set, out var spec))
        {
            return elements;
        }

        foreach (var element in elements)
        {
            if (!element.Key.Values.Select(v => v.Type).SequenceEqual(spec.Key))
            {
                Fail($"element {element.Key} does not match the key of set {set} ({string.Join(" . ", spec.Key.Select(NfDataTypes.Name))})");
                break;
            }

            if (spec.Data == NfDataType.Verdict && element.Verdict is null)
            {
                Fail($"element {element.Key} of verdict map {set} has no verdict");
                break;
            }

            if (spec.DataHasPort && element.Data is { } data && !data.Values.Select(v => v.Type).SequenceEqual(spec.DataFields))
            {
                Fail($"element {element.Key} of map {set}: data {data} does not match {string.Join(" . ", spec.DataFields.Select(NfDataTypes.Name))}");
                break;
            }
        }

        return elements;
    }

    private void CheckStatement(string chain, NfStatement statement)
    {
        switch (statement)
        {
            case NfNumgenVerdictMap { Targets.Count: 0 }:
                Fail($"rule in chain {chain}: numgen needs at least one target");
                break;
            case NfNumgenDnatMap { Modulus: < 1 }:
                Fail($"rule in chain {chain}: numgen needs a modulus of at least 1");
                break;
            case NfNumgenDnatMap { AddressFamily: not (NfFamily.Ip or NfFamily.Ip6) } map:
                Fail($"rule in chain {chain}: dnat needs an ip or ip6 address family, not {map.AddressFamily}");
                break;
            case NfVerdictMap { Key.Count: 0 } or NfSetMatch { Key.Count: 0 } or NfSetUpdate { Key.Count: 0 }:
                Fail($"rule in chain {chain}: a set lookup needs a key");
                break;
            case NfPrefixMatch prefix when !ValidPrefix(prefix):
                Fail($"rule in chain {chain}: {NfSelectors.Text(prefix.Selector)} {prefix.Network}/{prefix.PrefixLength} is not a network of that field's family");
                break;
            case NfMatch match when NfSelectors.TypeOf(match.Selector) != match.Value.Type:
                Fail($"rule in chain {chain}: {NfSelectors.Text(match.Selector)} compared with a {NfDataTypes.Name(match.Value.Type)}");
                break;
        }
    }

    private static bool ValidPrefix(NfPrefixMatch prefix)
    {
        var type = NfSelectors.TypeOf(prefix.Selector);
        if (prefix.Network is null || type is not (NfDataType.Ipv4Addr or NfDataType.Ipv6Addr))
        {
            return false;
        }

        var value = NfValue.Address(prefix.Network);
        int bits = NfDataTypes.Width(type) * 8;
        return value.Type == type && prefix.PrefixLength >= 1 && prefix.PrefixLength <= bits
            && (value.Bits & ~NfPrefix.Mask(bits, prefix.PrefixLength)) == 0;
    }

    private void CheckName(string kind, string name)
    {
        if (string.IsNullOrEmpty(name) || Encoding.UTF8.GetByteCount(name) > MaxNameLength)
        {
            Fail($"{kind} name \"{name}\" must be 1 to {MaxNameLength} bytes");
        }
    }

    private void Fail(string message) => Error ??= $"operation {_operations.Count}: {message}";
}
