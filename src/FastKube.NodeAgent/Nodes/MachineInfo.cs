using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using FastKube.Api.Resource;
using FastKube.NodeAgent.Configuration;

namespace FastKube.NodeAgent.Nodes;

/// <summary>
/// The machine facts a Node reports: capacity (cpu, memory, ephemeral-storage; pods from maxPods) and
/// nodeInfo. <see cref="Detect"/> reads this machine; hollow nodes use <see cref="Hollow"/>.
/// </summary>
internal sealed record MachineInfo(
    int Cpus,
    long MemoryBytes,
    long EphemeralStorageBytes,
    string KernelVersion,
    string OsImage,
    string Architecture,
    string MachineId,
    string BootId,
    string NodeIP)
{
    /// <summary>This machine: cpus from Environment.ProcessorCount, MemTotal from /proc/meminfo, the root directory's filesystem size.</summary>
    public static MachineInfo Detect(KubeletConfiguration config) => new(
        Environment.ProcessorCount,
        MemTotalBytes(),
        FilesystemBytes(config.RootDirectory),
        ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
        OsPrettyName(),
        GoArchitecture(),
        ReadFirstLine("/etc/machine-id") ?? "",
        ReadFirstLine("/proc/sys/kernel/random/boot_id") ?? "",
        config.NodeIP.Length > 0 ? config.NodeIP : FirstIPv4());

    /// <summary>A hollow node's pretend machine (kubemark's defaults are similar: a few cores, some GiB).</summary>
    public static MachineInfo Hollow(KubeletConfiguration config) =>
        new(4, 16L << 30, 100L << 30, "hollow", "FastKube hollow node", "amd64", "", "", config.NodeIP.Length > 0 ? config.NodeIP : "127.0.0.1");

    /// <summary>capacity with the configuration's nodeCapacity entries applied.</summary>
    public Dictionary<string, Quantity> Capacity(KubeletConfiguration config)
    {
        var capacity = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["cpu"] = Quantity.FromValue(Cpus),
            ["memory"] = Quantity.FromValue(MemoryBytes, QuantityFormat.BinarySI),
            ["ephemeral-storage"] = Quantity.FromValue(EphemeralStorageBytes, QuantityFormat.BinarySI),
            ["pods"] = Quantity.FromValue(config.MaxPods),
        };
        foreach (var (resource, value) in config.NodeCapacity)
        {
            capacity[resource] = Quantity.Parse(value);
        }

        return capacity;
    }

    /// <summary>Available memory (MemAvailable) for the MemoryPressure condition; null where unknown.</summary>
    public static long? MemAvailableBytes() => MemInfo("MemAvailable:");

    private static long MemTotalBytes() => MemInfo("MemTotal:") ?? 0;

    private static long? MemInfo(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var parts = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // Not Linux, or /proc not mounted.
        }

        return null;
    }

    /// <summary>Size of the filesystem holding <paramref name="path"/> (its nearest existing ancestor).</summary>
    public static long FilesystemBytes(string path) => FilesystemOf(path)?.TotalSize ?? 0;

    public static DriveInfo? FilesystemOf(string path)
    {
        var directory = path;
        while (!Directory.Exists(directory) && Path.GetDirectoryName(directory) is { } parent)
        {
            directory = parent;
        }

        // The longest mount point that prefixes the path is its filesystem.
        return DriveInfo.GetDrives()
            .Where(d => d.IsReady && (directory + "/").StartsWith(d.RootDirectory.FullName.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(d => d.RootDirectory.FullName.Length);
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string OsPrettyName()
    {
        try
        {
            var line = File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) : null;
            return line is null ? RuntimeInformation.OSDescription : line["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException)
        {
            return RuntimeInformation.OSDescription;
        }
    }

    /// <summary>Go's GOARCH names, which nodeInfo.architecture and the kubernetes.io/arch label use.</summary>
    public static string GoArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string FirstIPv4()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var address in nic.GetIPProperties().UnicastAddresses)
            {
                if (address.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return address.Address.ToString();
                }
            }
        }

        return "127.0.0.1";
    }
}
