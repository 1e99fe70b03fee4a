namespace FastKube.Api.Core;

/// <summary>The operators of <see cref="NodeSelectorRequirement"/>.</summary>
public static class NodeSelectorOperators
{
    public const string In = "In";
    public const string NotIn = "NotIn";
    public const string Exists = "Exists";
    public const string DoesNotExist = "DoesNotExist";
    public const string Gt = "Gt";
    public const string Lt = "Lt";
}
