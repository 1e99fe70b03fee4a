using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The finalizers that must run before the namespace is removed (e.g. "kubernetes").
/// </summary>
public sealed class NamespaceSpec
{
    [WireKey(1)]
    public List<string>? Finalizers { get; set; }
}
