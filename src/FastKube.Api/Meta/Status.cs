using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// The result of a call that returns no object, and the body of every error response (meta/v1 Status).
/// The Go field Status is <see cref="Outcome"/> here because a member cannot share its class's name.
/// </summary>
public sealed class Status
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Status";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    /// <summary>The <see cref="Outcome"/> of a successful call.</summary>
    public const string Success = "Success";

    /// <summary>The <see cref="Outcome"/> of a failed call.</summary>
    public const string Failure = "Failure";

    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    [JsonPropertyOrder(-1)]
    public ListMeta? Metadata { get; set; }

    /// <summary>"Success" or "Failure".</summary>
    [WireKey(4)]
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    [WireKey(5)]
    public string? Message { get; set; }

    /// <summary>A machine-readable reason; see <see cref="StatusReasons"/>.</summary>
    [WireKey(6)]
    public string? Reason { get; set; }

    [WireKey(7)]
    public StatusDetails? Details { get; set; }

    /// <summary>The HTTP status code of this status.</summary>
    [WireKey(8)]
    public int? Code { get; set; }
}
