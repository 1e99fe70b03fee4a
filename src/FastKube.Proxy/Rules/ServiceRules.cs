using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Proxy.Rules;

/// <summary>
/// Everything one service port contributes to the table: its own chains (with their rules), its affinity
/// sets, and its elements in the shared dispatch maps. The sync keeps the last applied value per service
/// port and diffs the next one against it.
/// </summary>
internal sealed class ServiceRules
{
    public List<string> Chains { get; } = [];

    public List<NfRule> Rules { get; } = [];

    public List<NfSet> Sets { get; } = [];

    public List<(string Map, NfElement Element)> Elements { get; } = [];

    public static ServiceRules Empty { get; } = new();
}
