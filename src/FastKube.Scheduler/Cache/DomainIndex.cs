namespace FastKube.Scheduler.Cache;

/// <summary>
/// For one topology key: the dense domain number of every node slot (-1 when the node lacks the label)
/// and how many domains there are. Built on first use after any node label change and reused by every
/// pod until the next one.
/// </summary>
internal sealed class DomainIndex(int[] domainBySlot, string[] values)
{
    public int[] DomainBySlot { get; } = domainBySlot;

    public string[] Values { get; } = values;

    public int Count => Values.Length;

    public int Of(int slot) => (uint)slot < (uint)DomainBySlot.Length ? DomainBySlot[slot] : -1;
}
