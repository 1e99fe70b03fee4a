namespace FastKube.Api.Apps;

/// <summary>The condition types of a deployment.</summary>
public static class DeploymentConditionTypes
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string ReplicaFailure = "ReplicaFailure";
}
