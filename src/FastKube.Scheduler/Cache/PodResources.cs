using FastKube.Api.Core;
using FastKube.Api.Resource;

namespace FastKube.Scheduler.Cache;

/// <summary>
/// What a pod asks of a node, computed as upstream's resource helper does: the larger of the app
/// containers' sum and the init-container peak (restartable init containers, i.e. sidecars, run beside
/// later init containers and the app, so they add to both), plus the pod overhead. cpu is in millicores,
/// everything else in whole units. The non-zero pair is what scoring uses: a container without a cpu or
/// memory request counts as 100m / 200Mi so best-effort pods still spread.
/// </summary>
internal sealed class PodResources
{
    /// <summary>Upstream's DefaultMilliCPURequest for scoring.</summary>
    public const long DefaultMilliCpu = 100;

    /// <summary>Upstream's DefaultMemoryRequest for scoring: 200 MiB.</summary>
    public const long DefaultMemory = 200L * 1024 * 1024;

    public static readonly PodResources Empty = new();

    public long MilliCpu { get; private set; }

    public long Memory { get; private set; }

    public long EphemeralStorage { get; private set; }

    public long NonZeroMilliCpu { get; private set; }

    public long NonZeroMemory { get; private set; }

    /// <summary>Extended and other scalar resources (hugepages-*, example.com/gpu) with a non-zero request.</summary>
    public KeyValuePair<string, long>[] Scalars { get; private set; } = [];

    public static PodResources For(PodSpec? spec)
    {
        if (spec is null)
        {
            return Empty;
        }

        var sum = new Accumulator();
        var nonZero = new Accumulator();
        foreach (var container in spec.Containers ?? [])
        {
            sum.Add(container.Resources?.Requests);
            nonZero.AddNonZero(container.Resources?.Requests);
        }

        var initPeak = new Accumulator();
        var sidecars = new Accumulator();
        var initPeakNonZero = new Accumulator();
        var sidecarsNonZero = new Accumulator();
        foreach (var container in spec.InitContainers ?? [])
        {
            var requests = container.Resources?.Requests;
            if (container.RestartPolicy == RestartPolicies.Always)
            {
                sum.Add(requests);
                sidecars.Add(requests);
                initPeak.MaxWith(sidecars);
                nonZero.AddNonZero(requests);
                sidecarsNonZero.AddNonZero(requests);
                initPeakNonZero.MaxWith(sidecarsNonZero);
            }
            else
            {
                var one = new Accumulator();
                one.Add(requests);
                one.AddAll(sidecars);
                initPeak.MaxWith(one);
                var oneNonZero = new Accumulator();
                oneNonZero.AddNonZero(requests);
                oneNonZero.AddAll(sidecarsNonZero);
                initPeakNonZero.MaxWith(oneNonZero);
            }
        }

        sum.MaxWith(initPeak);
        nonZero.MaxWith(initPeakNonZero);
        sum.Add(spec.Overhead);
        nonZero.Add(spec.Overhead);
        return new PodResources
        {
            MilliCpu = sum.MilliCpu,
            Memory = sum.Memory,
            EphemeralStorage = sum.Ephemeral,
            NonZeroMilliCpu = nonZero.MilliCpu,
            NonZeroMemory = nonZero.Memory,
            Scalars = sum.ScalarArray(),
        };
    }

    /// <summary>Converts a quantity to the scheduler's unit for <paramref name="resource"/>.</summary>
    public static long Units(string resource, Quantity quantity) =>
        resource == ResourceNames.Cpu ? quantity.MilliValue() : quantity.Value();

    private struct Accumulator
    {
        public long MilliCpu;
        public long Memory;
        public long Ephemeral;
        public Dictionary<string, long>? Scalars;

        public void Add(Dictionary<string, Quantity>? requests)
        {
            if (requests is null)
            {
                return;
            }

            foreach (var (name, quantity) in requests)
            {
                Add(name, Units(name, quantity));
            }
        }

        /// <summary>Adds cpu and memory with upstream's scoring defaults for a missing request (not for an explicit zero).</summary>
        public void AddNonZero(Dictionary<string, Quantity>? requests)
        {
            MilliCpu += requests is not null && requests.TryGetValue(ResourceNames.Cpu, out var cpu) ? cpu.MilliValue() : DefaultMilliCpu;
            Memory += requests is not null && requests.TryGetValue(ResourceNames.Memory, out var memory) ? memory.Value() : DefaultMemory;
        }

        public void AddAll(Accumulator other)
        {
            MilliCpu += other.MilliCpu;
            Memory += other.Memory;
            Ephemeral += other.Ephemeral;
            foreach (var (name, value) in other.Scalars ?? [])
            {
                Add(name, value);
            }
        }

        public void MaxWith(Accumulator other)
        {
            MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
            Memory = Math.Max(Memory, other.Memory);
            Ephemeral = Math.Max(Ephemeral, other.Ephemeral);
            foreach (var (name, value) in other.Scalars ?? [])
            {
                Scalars ??= new Dictionary<string, long>(StringComparer.Ordinal);
                Scalars[name] = Math.Max(Scalars.GetValueOrDefault(name), value);
            }
        }

        private void Add(string name, long value)
        {
            switch (name)
            {
                case ResourceNames.Cpu:
                    MilliCpu += value;
                    break;
                case ResourceNames.Memory:
                    Memory += value;
                    break;
                case ResourceNames.EphemeralStorage:
                    Ephemeral += value;
                    break;
                case ResourceNames.Pods:
                    break;
                default:
                    Scalars ??= new Dictionary<string, long>(StringComparer.Ordinal);
                    Scalars[name] = Scalars.GetValueOrDefault(name) + value;
                    break;
            }
        }

        public readonly KeyValuePair<string, long>[] ScalarArray() =>
            Scalars is null ? [] : [.. Scalars.Where(s => s.Value != 0).OrderBy(s => s.Key, StringComparer.Ordinal)];
    }
}
