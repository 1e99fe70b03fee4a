using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// The base of every top-level API object: upstream's inlined TypeMeta (apiVersion, kind) plus ObjectMeta.
/// JSON writes kind, apiVersion, metadata first, in upstream's order, whatever the derived class declares.
/// Derived classes number their own properties from 4 (spec 4, status 5 where they exist).
/// </summary>
public abstract class KubeObject
{
    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    [JsonPropertyOrder(-1)]
    public ObjectMeta? Metadata { get; set; }
}
