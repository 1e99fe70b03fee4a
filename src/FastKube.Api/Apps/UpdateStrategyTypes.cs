namespace FastKube.Api.Apps;

/// <summary>The update strategy types of daemon sets and stateful sets.</summary>
public static class UpdateStrategyTypes
{
    public const string RollingUpdate = "RollingUpdate";
    public const string OnDelete = "OnDelete";
}
