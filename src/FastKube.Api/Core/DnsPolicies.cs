namespace FastKube.Api.Core;

/// <summary>The values of <see cref="PodSpec.DnsPolicy"/>.</summary>
public static class DnsPolicies
{
    public const string ClusterFirstWithHostNet = "ClusterFirstWithHostNet";
    public const string ClusterFirst = "ClusterFirst";
    public const string Default = "Default";
    public const string None = "None";
}
