using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A reference to an object of any group in the same namespace.
/// </summary>
public sealed class TypedLocalObjectReference
{
    [WireKey(1)]
    public string? ApiGroup { get; set; }

    [WireKey(2)]
    public string? Kind { get; set; }

    [WireKey(3)]
    public string? Name { get; set; }
}
