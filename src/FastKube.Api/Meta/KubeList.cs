using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// The base of every list kind (PodList, ...): TypeMeta plus ListMeta. Each concrete list adds
/// <c>Items</c> as key 4; unlike other collections, items is written even when empty, as upstream does.
/// </summary>
public abstract class KubeList
{
    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    [JsonPropertyOrder(-1)]
    public ListMeta? Metadata { get; set; }
}
