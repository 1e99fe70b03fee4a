using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// The API groups, served at /apis.
/// </summary>
public sealed class ApiGroupList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "APIGroupList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    public List<ApiGroup>? Groups { get; set; }
}
