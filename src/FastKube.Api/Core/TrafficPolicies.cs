namespace FastKube.Api.Core;

/// <summary>The values of externalTrafficPolicy and internalTrafficPolicy.</summary>
public static class TrafficPolicies
{
    public const string Cluster = "Cluster";
    public const string Local = "Local";
}
