namespace FastKube.Api.Core;

/// <summary>The values of <see cref="PodSpec.RestartPolicy"/> (and "Always" for sidecar containers).</summary>
public static class RestartPolicies
{
    public const string Always = "Always";
    public const string OnFailure = "OnFailure";
    public const string Never = "Never";
}
