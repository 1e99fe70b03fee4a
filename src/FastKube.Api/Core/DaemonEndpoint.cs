using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One daemon port. Upstream's JSON name is "Port", capitalized.
/// </summary>
public sealed class DaemonEndpoint
{
    [WireKey(1)]
    [JsonPropertyName("Port")]
    public int? Port { get; set; }
}
