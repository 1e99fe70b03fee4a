using FastKube.Api.Serialization;

namespace FastKube.Api.Discovery;

/// <summary>
/// A node this endpoint should serve.
/// </summary>
public sealed class ForNode
{
    [WireKey(1)]
    public string? Name { get; set; }
}
