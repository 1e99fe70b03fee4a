using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Dataplane.Kernel.Testing;

/// <summary>
/// An in-memory nf_tables: applies transactions with the kernel's all-or-nothing semantics and the errno the
/// kernel returns for each mistake (checked against the real kernel in the Dataplane.Kernel tests), keeps the
/// ruleset, renders it as <c>nft list ruleset</c> text, and remembers the last transaction. Thread-safe.
/// </summary>
public sealed partial class FakeNfTables : INfTables
{
    private const int ENoEnt = 2;
    private const int EExist = 17;
    private const int EBusy = 16;
    private const int EInval = 22;

    private readonly Lock _gate = new();
    private Dictionary<NfTableRef, FakeTable> _tables = [];

    /// <summary>The last transaction passed to <see cref="Apply"/>, whether it succeeded or not.</summary>
    public NfTransaction? LastTransaction { get; private set; }

    /// <summary>How many transactions were applied successfully.</summary>
    public int AppliedCount { get; private set; }

    /// <summary>When set, the next <see cref="Apply"/> fails with this error and changes nothing (failure injection).</summary>
    public NfError? FailNext { get; set; }

    public NfError? Apply(NfTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        lock (_gate)
        {
            LastTransaction = transaction;
            if (FailNext is { } injected)
            {
                FailNext = null;
                return injected;
            }

            if (transaction.Error is { } invalid)
            {
                return new NfError(EInval, -1, "invalid transaction: " + invalid);
            }

            _tables.TryGetValue(transaction.Table, out var current);
            var working = current?.Clone();
            for (int i = 0; i < transaction.Operations.Count; i++)
            {
                if (Step(transaction.Table, ref working, transaction.Operations[i]) is { } failure)
                {
                    return new NfError(failure.Errno, i, $"operation {i}: {failure.Message}");
                }
            }

            var next = new Dictionary<NfTableRef, FakeTable>(_tables);
            if (working is null)
            {
                next.Remove(transaction.Table);
            }
            else
            {
                next[transaction.Table] = working;
            }

            _tables = next;
            AppliedCount++;
            return null;
        }
    }

    public NfTableSnapshot? Dump(NfTableRef table)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(table, out var state)
                ? new NfTableSnapshot(
                    table,
                    state.Chains.Select(c => new NfChainSnapshot(c.Definition, c.Rules.Count)).ToList(),
                    state.Sets.Select(s => new NfSetSnapshot(s.Spec, s.Elements.Values.ToList())).ToList())
                : null;
        }
    }

    public IReadOnlyList<NfTableRef> ListTables()
    {
        lock (_gate)
        {
            return _tables.Keys.ToList();
        }
    }

    /// <summary>The rules of a chain, in order (for assertions and the tracer).</summary>
    public IReadOnlyList<NfRule> Rules(NfTableRef table, string chain)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(table, out var state) && state.Chain(chain) is { } c ? c.Rules.ToList() : [];
        }
    }

    /// <summary>The current state, for the tracer: the dictionary is replaced, never mutated, on each apply.</summary>
    internal IReadOnlyDictionary<NfTableRef, FakeTable> Tables
    {
        get
        {
            lock (_gate)
            {
                return _tables;
            }
        }
    }

    private static (int Errno, string Message)? Step(NfTableRef reference, ref FakeTable? table, NfOperation operation)
    {
        if (operation is NfTableOperation tableOperation)
        {
            switch (tableOperation.Verb)
            {
                case NfVerb.Add:
                    table ??= new FakeTable(reference);
                    return null;
                case NfVerb.Create when table is not null:
                    return (EExist, $"table {reference} exists");
                case NfVerb.Create:
                    table = new FakeTable(reference);
                    return null;
            }
        }

        if (table is null)
        {
            return (ENoEnt, $"table {reference} does not exist");
        }

        switch (operation)
        {
            case NfTableOperation { Verb: NfVerb.Delete }:
                table = null;
                return null;
            case NfTableOperation:
                table.Chains.ForEach(c => c.Rules.Clear());
                return null;
            case NfChainOperation op:
                return Chain(table, op);
            case NfSetOperation op:
                return Set(table, op);
            case NfRuleOperation op:
                return Rule(table, op.Rule);
            case NfElementsOperation op:
                return Elements(table, op);
            default:
                return (EInval, "unknown operation");
        }
    }
}
