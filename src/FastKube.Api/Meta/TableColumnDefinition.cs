using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One column of a <see cref="Table"/>; priority 0 columns show by default, higher ones with -o wide.
/// </summary>
public sealed class TableColumnDefinition
{
    [WireKey(1)]
    public string? Name { get; set; }

    /// <summary>An OpenAPI type: string, integer, number, boolean, date.</summary>
    [WireKey(2)]
    public string? Type { get; set; }

    [WireKey(3)]
    public string? Format { get; set; }

    [WireKey(4)]
    public string? Description { get; set; }

    [WireKey(5)]
    public int? Priority { get; set; }
}
