using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A reference to an object by name in the same namespace.
/// </summary>
public sealed class LocalObjectReference
{
    [WireKey(1)]
    public string? Name { get; set; }
}
