namespace FastKube.Api.Core;

/// <summary>The values of <see cref="Toleration.Operator"/>.</summary>
public static class TolerationOperators
{
    public const string Exists = "Exists";
    public const string Equal = "Equal";
}
