namespace FastKube.Scheduler.Cache;

/// <summary>
/// Nominated pods: a preemptor waits for its victims to go, and meanwhile its requests are held on the
/// nominated node against pods of lower priority (upstream's addNominatedPods, for resources).
/// </summary>
internal sealed partial class ClusterCache
{
    private readonly Dictionary<string, (string Node, int Priority, PodResources Resources)> _nominated = new(StringComparer.Ordinal);

    /// <summary>Per slot, the nominations held there (null for nearly every node).</summary>
    private List<(string Key, int Priority, PodResources Resources)>?[] _nominatedOn = [];

    public void Nominate(string key, string nodeName, int priority, PodResources resources)
    {
        ClearNomination(key);
        _nominated[key] = (nodeName, priority, resources);
        if (_slotByName.TryGetValue(nodeName, out var slot))
        {
            EnsureNominationSlots();
            (_nominatedOn[slot] ??= []).Add((key, priority, resources));
        }
    }

    public void ClearNomination(string key)
    {
        if (!_nominated.Remove(key, out var nomination) || !_slotByName.TryGetValue(nomination.Node, out var slot) || slot >= _nominatedOn.Length)
        {
            return;
        }

        var list = _nominatedOn[slot];
        list?.RemoveAll(n => n.Key == key);
        if (list is { Count: 0 })
        {
            _nominatedOn[slot] = null;
        }
    }

    /// <summary>The nominations on the node that outrank or equal <paramref name="priority"/>, other than <paramref name="self"/>'s own.</summary>
    public IEnumerable<PodResources> NominatedAgainst(int slot, int priority, string self)
    {
        if (slot >= _nominatedOn.Length || _nominatedOn[slot] is not { } list)
        {
            yield break;
        }

        foreach (var (key, nominatedPriority, resources) in list)
        {
            if (nominatedPriority >= priority && key != self)
            {
                yield return resources;
            }
        }
    }

    /// <summary>True when any node holds a nomination (lets the fit filter skip the check entirely).</summary>
    public bool HasNominations => _nominated.Count > 0;

    private void EnsureNominationSlots()
    {
        if (_nominatedOn.Length < _capacity)
        {
            Array.Resize(ref _nominatedOn, _capacity);
        }
    }
}
