using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A ConfigMap inside a projected volume.
/// </summary>
public sealed class ConfigMapProjection
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public List<KeyToPath>? Items { get; set; }

    [WireKey(3)]
    public bool? Optional { get; set; }
}
