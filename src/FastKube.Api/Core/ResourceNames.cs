namespace FastKube.Api.Core;

/// <summary>Standard keys of resource lists (requests, limits, capacity, allocatable).</summary>
public static class ResourceNames
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string Storage = "storage";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string Pods = "pods";
}
