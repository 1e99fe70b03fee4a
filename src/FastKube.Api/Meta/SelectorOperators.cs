namespace FastKube.Api.Meta;

/// <summary>The operators of <see cref="LabelSelectorRequirement"/>.</summary>
public static class SelectorOperators
{
    public const string In = "In";
    public const string NotIn = "NotIn";
    public const string Exists = "Exists";
    public const string DoesNotExist = "DoesNotExist";
}
