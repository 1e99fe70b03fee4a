namespace FastKube.Api.Core;

/// <summary>The values of <see cref="PodStatus.QOSClass"/>.</summary>
public static class QOSClasses
{
    public const string Guaranteed = "Guaranteed";
    public const string Burstable = "Burstable";
    public const string BestEffort = "BestEffort";
}
