namespace FastKube.Dataplane.Kernel.NfTables;

/// <summary>
/// nf_tables as the proxy sees it: apply a transaction atomically, read a table back. Implementations: the
/// netlink one (<see cref="Netlink.NetlinkNfTables"/>) and the in-memory model in
/// FastKube.Dataplane.Kernel.Testing, which follows the kernel's all-or-nothing semantics and errors.
/// </summary>
public interface INfTables
{
    /// <summary>Applies every operation or none; null on success, else the first failure.</summary>
    NfError? Apply(NfTransaction transaction);

    /// <summary>The table's chains, sets and elements; null when the table does not exist.</summary>
    NfTableSnapshot? Dump(NfTableRef table);

    /// <summary>Every table of every family.</summary>
    IReadOnlyList<NfTableRef> ListTables();
}

/// <summary>
/// Why a transaction failed: the errno (EINVAL for a transaction that was invalid before reaching the
/// kernel), the index of the operation at fault (-1 when the kernel blamed the whole batch), and a message
/// with the operation as nft text and the kernel's extended-ack explanation.
/// </summary>
public sealed record NfError(int Errno, int Operation, string Message)
{
    public override string ToString() => Message;
}

/// <summary>A table read back: its chains with their rule counts, and its named sets with their elements.</summary>
public sealed record NfTableSnapshot(NfTableRef Table, IReadOnlyList<NfChainSnapshot> Chains, IReadOnlyList<NfSetSnapshot> Sets)
{
    public NfChainSnapshot? Chain(string name) => Chains.FirstOrDefault(c => c.Chain.Name == name);

    public NfSetSnapshot? Set(string name) => Sets.FirstOrDefault(s => s.Set.Name == name);
}

public sealed record NfChainSnapshot(NfChain Chain, int RuleCount);

public sealed record NfSetSnapshot(NfSet Set, IReadOnlyList<NfElement> Elements);
