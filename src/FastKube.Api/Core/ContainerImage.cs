using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// An image present on the node.
/// </summary>
public sealed class ContainerImage
{
    [WireKey(1)]
    public List<string>? Names { get; set; }

    [WireKey(2)]
    public long? SizeBytes { get; set; }
}
