namespace FastKube.Api.Core;

/// <summary>The values of <see cref="Container.ImagePullPolicy"/>.</summary>
public static class PullPolicies
{
    public const string Always = "Always";
    public const string Never = "Never";
    public const string IfNotPresent = "IfNotPresent";
}
