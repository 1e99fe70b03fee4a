using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// The versions of the core group, served at /api.
/// </summary>
public sealed class ApiVersions
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "APIVersions";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    public List<string>? Versions { get; set; }

    [WireKey(4)]
    public List<ServerAddressByClientCIDR>? ServerAddressByClientCIDRs { get; set; }
}
