namespace FastKube.Api.Core;

/// <summary>The values of <see cref="PodStatus.Phase"/>.</summary>
public static class PodPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";
}
