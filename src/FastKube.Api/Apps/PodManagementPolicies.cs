namespace FastKube.Api.Apps;

/// <summary>The values of <see cref="StatefulSetSpec.PodManagementPolicy"/>.</summary>
public static class PodManagementPolicies
{
    public const string OrderedReady = "OrderedReady";
    public const string Parallel = "Parallel";
}
