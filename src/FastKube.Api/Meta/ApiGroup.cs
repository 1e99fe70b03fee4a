using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One API group, its versions and the preferred one, served at /apis/{group}.
/// </summary>
public sealed class ApiGroup
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "APIGroup";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    public string? Name { get; set; }

    [WireKey(4)]
    public List<GroupVersionForDiscovery>? Versions { get; set; }

    [WireKey(5)]
    public GroupVersionForDiscovery? PreferredVersion { get; set; }

    [WireKey(6)]
    public List<ServerAddressByClientCIDR>? ServerAddressByClientCIDRs { get; set; }
}
