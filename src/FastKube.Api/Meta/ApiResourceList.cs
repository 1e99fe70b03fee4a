using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// The resources of one group version, served at /api/v1 and /apis/{group}/{version}.
/// Its own apiVersion is "v1"; GroupVersion here is the data field naming the group version described.
/// </summary>
public sealed class ApiResourceList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "APIResourceList";

    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    public string? GroupVersion { get; set; }

    [WireKey(4)]
    public List<ApiResource>? Resources { get; set; }
}
