using System.Globalization;
using FastKube.Api.Resource;
using FastKube.NodeAgent.Configuration;

namespace FastKube.NodeAgent.Nodes;

/// <summary>
/// Compares this machine against the evictionHard thresholds for the pressure conditions: memory.available
/// (MemAvailable) and nodefs.available (the root directory's filesystem). Pods are not evicted yet; only
/// the conditions are reported. PID pressure is not measured.
/// </summary>
internal static class PressureSignals
{
    public static NodeConditions.Pressure Measure(KubeletConfiguration config, long memoryCapacity)
    {
        var memory = MachineInfo.MemAvailableBytes() is { } available
            && config.EvictionHard.TryGetValue("memory.available", out var memoryThreshold)
            && available < Threshold(memoryThreshold, memoryCapacity);
        var filesystem = MachineInfo.FilesystemOf(config.RootDirectory);
        var disk = filesystem is not null
            && config.EvictionHard.TryGetValue("nodefs.available", out var diskThreshold)
            && filesystem.AvailableFreeSpace < Threshold(diskThreshold, filesystem.TotalSize);
        return new NodeConditions.Pressure(memory, disk, false);
    }

    /// <summary>A threshold in bytes: a quantity, or a percentage of <paramref name="capacity"/>.</summary>
    public static long Threshold(string value, long capacity) => value.EndsWith('%')
        ? (long)(capacity * decimal.Parse(value.AsSpan(0, value.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) / 100m)
        : Quantity.Parse(value).Value();
}
