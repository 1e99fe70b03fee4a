using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// Tabular rendering of a list for kubectl get (meta.k8s.io/v1 Table).
/// </summary>
public sealed class Table
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Table";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "meta.k8s.io/v1";

    [WireKey(1)]
    [JsonPropertyOrder(-2)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    [JsonPropertyOrder(-3)]
    public string? Kind { get; set; }

    [WireKey(3)]
    [JsonPropertyOrder(-1)]
    public ListMeta? Metadata { get; set; }

    [WireKey(4)]
    public List<TableColumnDefinition>? ColumnDefinitions { get; set; }

    [WireKey(5)]
    public List<TableRow>? Rows { get; set; }
}
