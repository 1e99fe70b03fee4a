using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// Options of a DELETE call (meta/v1 DeleteOptions).
/// </summary>
public sealed class DeleteOptions
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "DeleteOptions";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    public long? GracePeriodSeconds { get; set; }

    [WireKey(4)]
    public Preconditions? Preconditions { get; set; }

    [WireKey(5)]
    public bool? OrphanDependents { get; set; }

    /// <summary>See <see cref="DeletionPropagation"/>.</summary>
    [WireKey(6)]
    public string? PropagationPolicy { get; set; }

    [WireKey(7)]
    public List<string>? DryRun { get; set; }
}
