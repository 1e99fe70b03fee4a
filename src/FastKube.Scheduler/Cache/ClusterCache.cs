using FastKube.Api.Core;

namespace FastKube.Scheduler.Cache;

/// <summary>
/// The scheduler's view of the cluster, updated incrementally by node and pod events and read by every
/// scheduling cycle without copying (upstream snapshots the cache per cycle; here the cycle runs under the
/// scheduler's lock, so the live tables are the snapshot). Node facts are columns indexed by a node slot:
/// allocatable and requested per resource, pod counts, interned labels, taints, ports and images; a
/// removed node's slot is reused. Not thread-safe: the <see cref="Scheduler"/> serializes access.
/// </summary>
internal sealed partial class ClusterCache
{
    public const int CpuColumn = 0;
    public const int MemoryColumn = 1;
    public const int EphemeralColumn = 2;

    private readonly Dictionary<string, int> _slotByName = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeSlots = new();
    private readonly Dictionary<string, int> _resourceColumns = new(StringComparer.Ordinal)
    {
        [ResourceNames.Cpu] = CpuColumn,
        [ResourceNames.Memory] = MemoryColumn,
        [ResourceNames.EphemeralStorage] = EphemeralColumn,
    };

    private readonly Dictionary<string, DomainIndex> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _imageNodes = new(StringComparer.Ordinal);
    private int[] _live = new int[16];
    private int _capacity;
    private int _slotsUsed;
    private int _domainsVersion = -1;

    public ClusterCache()
    {
        Allocatable = [new long[16], new long[16], new long[16]];
        Requested = [new long[16], new long[16], new long[16]];
        Grow(16);
    }

    /// <summary>Label keys and values, interned.</summary>
    public Interner Strings { get; } = new();

    public int NodeCount { get; private set; }

    /// <summary>Occupied slots in node insertion order: the order filtering walks (round-robin from a start index).</summary>
    public ReadOnlySpan<int> LiveSlots => _live.AsSpan(0, NodeCount);

    /// <summary>The array behind <see cref="LiveSlots"/> (valid up to <see cref="NodeCount"/>), for workers that cannot hold a span.</summary>
    public int[] LiveArray => _live;

    public int SlotCapacity => _capacity;

    public string[] Names { get; private set; } = [];

    public Node[] Nodes { get; private set; } = [];

    /// <summary>[resource column][slot]: cpu in millicores, memory and ephemeral storage in bytes, then extended resources.</summary>
    public long[][] Allocatable { get; private set; }

    /// <summary>[resource column][slot]: the sum of the counted pods' requests.</summary>
    public long[][] Requested { get; private set; }

    public long[] NonZeroMilliCpu { get; private set; } = [];

    public long[] NonZeroMemory { get; private set; } = [];

    public long[] AllowedPods { get; private set; } = [];

    public int[] PodCount { get; private set; } = [];

    /// <summary>Interned label keys of each node, sorted, with <see cref="LabelValues"/> at the same index.</summary>
    public int[][] LabelKeys { get; private set; } = [];

    public int[][] LabelValues { get; private set; } = [];

    public CompiledTaint[][] Taints { get; private set; } = [];

    public bool[] Unschedulable { get; private set; } = [];

    public List<HostPort>?[] Ports { get; private set; } = [];

    public Dictionary<string, long>?[] Images { get; private set; } = [];

    public List<PodRecord>[] PodsOn { get; private set; } = [];

    /// <summary>Bumped whenever a node is added or removed or its labels change: domain indexes are rebuilt after.</summary>
    public int LabelsVersion { get; private set; }

    public bool TryGetSlot(string nodeName, out int slot) => _slotByName.TryGetValue(nodeName, out slot);

    /// <summary>The column of a resource, or -1 when no node or pod has named it yet.</summary>
    public int ResourceColumn(string resource) => _resourceColumns.TryGetValue(resource, out var column) ? column : -1;

    /// <summary>How many nodes report <paramref name="image"/> (ImageLocality's spread factor).</summary>
    public int NodesWithImage(string image) => _imageNodes.GetValueOrDefault(image);

    /// <summary>The value id of label <paramref name="keyId"/> on the node, or -1.</summary>
    public int LabelValue(int slot, int keyId)
    {
        var keys = LabelKeys[slot];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == keyId)
            {
                return LabelValues[slot][i];
            }
        }

        return -1;
    }

    /// <summary>Adds the node or, when known, replaces its facts (pods stay counted).</summary>
    public void UpsertNode(Node node)
    {
        var name = node.Metadata?.Name ?? "";
        if (!_slotByName.TryGetValue(name, out var slot))
        {
            slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _slotsUsed++;
            if (slot >= _capacity)
            {
                Grow(_capacity * 2);
            }

            _slotByName.Add(name, slot);
            Names[slot] = name;
            PodsOn[slot] = [];
            if (NodeCount == _live.Length)
            {
                Array.Resize(ref _live, _live.Length * 2);
            }

            _live[NodeCount++] = slot;
            LabelsVersion++;
        }
        else
        {
            ForgetImages(slot);
        }

        SetNodeFacts(slot, node);
        AdoptOrphans(name);
    }

    public bool RemoveNode(string name)
    {
        if (!_slotByName.Remove(name, out var slot))
        {
            return false;
        }

        // Its pods wait, as orphans, for their deletions or for the node to come back.
        foreach (var record in PodsOn[slot].ToArray())
        {
            RemoveRecord(record);
            AddPod(record.Pod, name, record.Resources, record.Priority, record.Assumed);
        }

        ForgetImages(slot);
        var index = Array.IndexOf(_live, slot, 0, NodeCount);
        Array.Copy(_live, index + 1, _live, index, NodeCount - index - 1);
        NodeCount--;
        Names[slot] = "";
        Nodes[slot] = null!;
        LabelKeys[slot] = [];
        LabelValues[slot] = [];
        Taints[slot] = [];
        for (var column = 0; column < Allocatable.Length; column++)
        {
            Allocatable[column][slot] = 0;
        }

        AllowedPods[slot] = 0;
        _freeSlots.Push(slot);
        LabelsVersion++;
        return true;
    }

    /// <summary>The domains of <paramref name="topologyKey"/>, rebuilt when node labels changed since the last call.</summary>
    public DomainIndex Domains(string topologyKey)
    {
        if (_domainsVersion == LabelsVersion && _domains.TryGetValue(topologyKey, out var index))
        {
            return index;
        }

        if (_domainsVersion != LabelsVersion)
        {
            _domains.Clear();
            _domainsVersion = LabelsVersion;
        }

        var keyId = Strings.Find(topologyKey);
        var bySlot = new int[_capacity];
        Array.Fill(bySlot, -1);
        var numbers = new Dictionary<int, int>();
        var values = new List<string>();
        foreach (var slot in LiveSlots)
        {
            var valueId = keyId < 0 ? -1 : LabelValue(slot, keyId);
            if (valueId < 0)
            {
                continue;
            }

            if (!numbers.TryGetValue(valueId, out var domain))
            {
                domain = values.Count;
                numbers.Add(valueId, domain);
                values.Add(Strings[valueId]);
            }

            bySlot[slot] = domain;
        }

        var built = new DomainIndex(bySlot, [.. values]);
        _domains[topologyKey] = built;
        return built;
    }

    private void SetNodeFacts(int slot, Node node)
    {
        var oldKeys = LabelKeys[slot];
        var oldValues = LabelValues[slot];
        Nodes[slot] = node;
        var allocatable = node.Status?.Allocatable ?? node.Status?.Capacity;
        for (var column = 0; column < Allocatable.Length; column++)
        {
            Allocatable[column][slot] = 0;
        }

        AllowedPods[slot] = 0;
        foreach (var (resource, quantity) in allocatable ?? [])
        {
            if (resource == ResourceNames.Pods)
            {
                AllowedPods[slot] = quantity.Value();
                continue;
            }

            Allocatable[ColumnFor(resource)][slot] = PodResources.Units(resource, quantity);
        }

        var labels = node.Metadata?.Labels;
        var pairs = (labels ?? []).Select(l => (Key: Strings.Intern(l.Key), Value: Strings.Intern(l.Value))).OrderBy(p => p.Key).ToArray();
        LabelKeys[slot] = [.. pairs.Select(p => p.Key)];
        LabelValues[slot] = [.. pairs.Select(p => p.Value)];
        if (!oldKeys.AsSpan().SequenceEqual(LabelKeys[slot]) || !oldValues.AsSpan().SequenceEqual(LabelValues[slot]))
        {
            LabelsVersion++;
        }

        Taints[slot] = [.. (node.Spec?.Taints ?? []).Select(t => new CompiledTaint(t.Key ?? "", t.Value ?? "", CompiledTaint.ParseEffect(t.Effect)))];
        Unschedulable[slot] = node.Spec?.Unschedulable == true;
        Dictionary<string, long>? images = null;
        foreach (var image in node.Status?.Images ?? [])
        {
            foreach (var imageName in image.Names ?? [])
            {
                images ??= new Dictionary<string, long>(StringComparer.Ordinal);
                if (images.TryAdd(imageName, image.SizeBytes ?? 0))
                {
                    _imageNodes[imageName] = _imageNodes.GetValueOrDefault(imageName) + 1;
                }
            }
        }

        Images[slot] = images;
    }

    private void ForgetImages(int slot)
    {
        foreach (var imageName in Images[slot]?.Keys ?? Enumerable.Empty<string>())
        {
            var remaining = _imageNodes[imageName] - 1;
            if (remaining == 0)
            {
                _imageNodes.Remove(imageName);
            }
            else
            {
                _imageNodes[imageName] = remaining;
            }
        }

        Images[slot] = null;
    }

    /// <summary>The column of <paramref name="resource"/>, adding one (to every slot) for a new extended resource.</summary>
    internal int ColumnFor(string resource)
    {
        if (_resourceColumns.TryGetValue(resource, out var column))
        {
            return column;
        }

        column = _resourceColumns.Count;
        _resourceColumns.Add(resource, column);
        Allocatable = [.. Allocatable, new long[_capacity]];
        Requested = [.. Requested, new long[_capacity]];
        return column;
    }

    private void Grow(int capacity)
    {
        var old = _capacity;
        _capacity = capacity;
        Names = Resized(Names, capacity);
        Nodes = Resized(Nodes, capacity);
        for (var column = 0; column < Allocatable.Length; column++)
        {
            Allocatable[column] = Resized(Allocatable[column], capacity);
            Requested[column] = Resized(Requested[column], capacity);
        }

        NonZeroMilliCpu = Resized(NonZeroMilliCpu, capacity);
        NonZeroMemory = Resized(NonZeroMemory, capacity);
        AllowedPods = Resized(AllowedPods, capacity);
        PodCount = Resized(PodCount, capacity);
        LabelKeys = Resized(LabelKeys, capacity);
        LabelValues = Resized(LabelValues, capacity);
        Taints = Resized(Taints, capacity);
        Unschedulable = Resized(Unschedulable, capacity);
        Ports = Resized(Ports, capacity);
        Images = Resized(Images, capacity);
        PodsOn = Resized(PodsOn, capacity);
        for (var slot = old; slot < capacity; slot++)
        {
            LabelKeys[slot] = [];
            LabelValues[slot] = [];
            Taints[slot] = [];
            PodsOn[slot] = [];
        }

        _domains.Clear();
        _domainsVersion = -1;
    }

    private static T[] Resized<T>(T[] array, int capacity)
    {
        var copy = array;
        Array.Resize(ref copy, capacity);
        return copy;
    }
}
