namespace FastKube.Api.Apps;

/// <summary>The values of <see cref="DeploymentStrategy.Type"/>.</summary>
public static class DeploymentStrategyTypes
{
    public const string RollingUpdate = "RollingUpdate";
    public const string Recreate = "Recreate";
}
