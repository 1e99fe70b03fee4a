using System.Text;
using FastKube.Api.Core;

namespace FastKube.Scheduler.Cache;

/// <summary>Pods counted on nodes: bound ones from informers, assumed ones from this scheduler.</summary>
internal sealed partial class ClusterCache
{
    private readonly Dictionary<string, PodRecord> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PodGroup>> _groupsByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TermGroup> _terms = new(StringComparer.Ordinal);
    private readonly List<TermGroup>[] _termsByKind = [[], [], [], []];

    // Assigned pods whose node the cache has not seen (informers deliver pods and nodes in any order, and
    // a node may be deleted before its pods): counted as soon as the node arrives, as upstream keeps them.
    private readonly Dictionary<string, Dictionary<string, PodRecord>> _orphansByNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _orphanNode = new(StringComparer.Ordinal);

    public int PodTotal => _pods.Count;

    public int OrphanCount => _orphanNode.Count;

    /// <summary>Groups of assigned pods in one namespace (null: all namespaces).</summary>
    public IEnumerable<PodGroup> GroupsIn(HashSet<string>? namespaces)
    {
        if (namespaces is null)
        {
            return _groups.Values;
        }

        return namespaces.Count == 1
            ? _groupsByNamespace.GetValueOrDefault(namespaces.First()) ?? []
            : namespaces.SelectMany(ns => _groupsByNamespace.GetValueOrDefault(ns) ?? []);
    }

    /// <summary>The distinct terms assigned pods carry, by kind.</summary>
    public List<TermGroup> Terms(TermKind kind) => _termsByKind[(int)kind];

    public bool TryGetPod(string key, out PodRecord record) => _pods.TryGetValue(key, out record!);

    /// <summary>Counts a pod on <paramref name="nodeName"/>; replaces any earlier record of it (moved or changed). False when the node is unknown yet (the pod is kept until it arrives).</summary>
    public bool AddPod(Pod pod, string nodeName, PodResources resources, int priority, bool assumed)
    {
        var key = PodKeys.Of(pod);
        if (_pods.TryGetValue(key, out var existing))
        {
            RemoveRecord(existing);
        }

        ForgetOrphan(key);
        if (!_slotByName.TryGetValue(nodeName, out var slot))
        {
            if (!_orphansByNode.TryGetValue(nodeName, out var waiting))
            {
                waiting = new Dictionary<string, PodRecord>(StringComparer.Ordinal);
                _orphansByNode.Add(nodeName, waiting);
            }

            waiting[key] = new PodRecord(key, pod, -1, resources, priority) { Assumed = assumed };
            _orphanNode[key] = nodeName;
            return false;
        }

        var record = new PodRecord(key, pod, slot, resources, priority) { Assumed = assumed };
        AddRecord(record);
        return true;
    }

    /// <summary>The informer showed the pod bound: the record is rebuilt from the bound object (labels, requests or node may differ from what was assumed).</summary>
    public void ConfirmPod(Pod pod, string nodeName, PodResources resources, int priority) =>
        AddPod(pod, nodeName, resources, priority, assumed: false);

    public void FinishBinding(string key)
    {
        if (_pods.TryGetValue(key, out var record))
        {
            record.BindingFinished = true;
        }
    }

    /// <summary>Removes the pod (deleted, or an assumed pod whose bind failed).</summary>
    public bool RemovePod(string key)
    {
        if (!_pods.TryGetValue(key, out var record))
        {
            return ForgetOrphan(key);
        }

        RemoveRecord(record);
        return true;
    }

    /// <summary>Counts the pods that were waiting for <paramref name="nodeName"/>.</summary>
    private void AdoptOrphans(string nodeName)
    {
        if (!_orphansByNode.Remove(nodeName, out var waiting))
        {
            return;
        }

        foreach (var orphan in waiting.Values)
        {
            _orphanNode.Remove(orphan.Key);
            AddPod(orphan.Pod, nodeName, orphan.Resources, orphan.Priority, orphan.Assumed);
        }
    }

    private bool ForgetOrphan(string key)
    {
        if (!_orphanNode.Remove(key, out var nodeName))
        {
            return false;
        }

        var waiting = _orphansByNode[nodeName];
        waiting.Remove(key);
        if (waiting.Count == 0)
        {
            _orphansByNode.Remove(nodeName);
        }

        return true;
    }

    private void AddRecord(PodRecord record)
    {
        var pod = record.Pod;
        var slot = record.Slot;
        _pods[record.Key] = record;
        PodsOn[slot].Add(record);
        ApplyRequests(record, +1);
        record.Ports = HostPort.Of(pod.Spec);
        if (record.Ports.Length > 0)
        {
            (Ports[slot] ??= []).AddRange(record.Ports);
        }

        record.Group = GroupFor(pod);
        record.Group.Counts.Add(slot, +1);
        record.Terms = TermGroupsFor(pod);
        foreach (var term in record.Terms)
        {
            term.Counts.Add(slot, +1);
        }
    }

    private void RemoveRecord(PodRecord record)
    {
        var slot = record.Slot;
        _pods.Remove(record.Key);
        PodsOn[slot].Remove(record);
        ApplyRequests(record, -1);
        foreach (var port in record.Ports)
        {
            Ports[slot]!.Remove(port);
        }

        if (record.Group is { } group)
        {
            group.Counts.Add(slot, -1);
            if (group.Counts.Total == 0)
            {
                _groups.Remove(group.Key);
                _groupsByNamespace[group.Namespace].Remove(group);
            }
        }

        foreach (var term in record.Terms)
        {
            term.Counts.Add(slot, -1);
            if (term.Counts.Total == 0)
            {
                _terms.Remove(term.Key);
                _termsByKind[(int)term.Kind].Remove(term);
            }
        }
    }

    private void ApplyRequests(PodRecord record, int sign)
    {
        var slot = record.Slot;
        var resources = record.Resources;
        Requested[CpuColumn][slot] += sign * resources.MilliCpu;
        Requested[MemoryColumn][slot] += sign * resources.Memory;
        Requested[EphemeralColumn][slot] += sign * resources.EphemeralStorage;
        foreach (var (name, value) in resources.Scalars)
        {
            Requested[ColumnFor(name)][slot] += sign * value;
        }

        NonZeroMilliCpu[slot] += sign * resources.NonZeroMilliCpu;
        NonZeroMemory[slot] += sign * resources.NonZeroMemory;
        PodCount[slot] += sign;
    }

    private PodGroup GroupFor(Pod pod)
    {
        var podNamespace = PodKeys.Namespace(pod);
        var labels = pod.Metadata?.Labels;
        var key = new StringBuilder(podNamespace);
        if (labels is not null)
        {
            foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                key.Append('\0').Append(name).Append('=').Append(value);
            }
        }

        var text = key.ToString();
        if (!_groups.TryGetValue(text, out var group))
        {
            group = new PodGroup(text, podNamespace, labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(labels, StringComparer.Ordinal));
            _groups.Add(text, group);
            if (!_groupsByNamespace.TryGetValue(podNamespace, out var list))
            {
                list = [];
                _groupsByNamespace.Add(podNamespace, list);
            }

            list.Add(group);
        }

        return group;
    }

    private TermGroup[] TermGroupsFor(Pod pod)
    {
        var affinity = pod.Spec?.Affinity;
        if (affinity?.PodAffinity is null && affinity?.PodAntiAffinity is null)
        {
            return [];
        }

        var podNamespace = PodKeys.Namespace(pod);
        var labels = pod.Metadata?.Labels;
        var groups = new List<TermGroup>();
        void Add(TermKind kind, PodAffinityTerm? term, int weight)
        {
            if (term is null)
            {
                return;
            }

            var compiled = AffinityTerm.Compile(term, podNamespace, labels, weight);
            var key = $"{(int)kind}|{compiled.Canonical}";
            if (!_terms.TryGetValue(key, out var group))
            {
                group = new TermGroup(key, kind, compiled);
                _terms.Add(key, group);
                _termsByKind[(int)kind].Add(group);
            }

            groups.Add(group);
        }

        foreach (var term in affinity.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            Add(TermKind.RequiredAffinity, term, 1);
        }

        foreach (var term in affinity.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            Add(TermKind.RequiredAntiAffinity, term, 1);
        }

        foreach (var weighted in affinity.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            Add(TermKind.PreferredAffinity, weighted.PodAffinityTerm, weighted.Weight ?? 0);
        }

        foreach (var weighted in affinity.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            Add(TermKind.PreferredAntiAffinity, weighted.PodAffinityTerm, weighted.Weight ?? 0);
        }

        return [.. groups];
    }
}
