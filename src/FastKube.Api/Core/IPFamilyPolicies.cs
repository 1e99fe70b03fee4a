namespace FastKube.Api.Core;

/// <summary>The values of <see cref="ServiceSpec.IPFamilyPolicy"/>.</summary>
public static class IPFamilyPolicies
{
    public const string SingleStack = "SingleStack";
    public const string PreferDualStack = "PreferDualStack";
    public const string RequireDualStack = "RequireDualStack";
}
