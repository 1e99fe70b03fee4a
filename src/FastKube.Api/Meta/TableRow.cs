using System.Text.Json;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One row of a <see cref="Table"/>: the cell values (a raw JSON array) and the object or its metadata.
/// </summary>
public sealed class TableRow
{
    [WireKey(1)]
    public JsonElement? Cells { get; set; }

    [WireKey(2)]
    public List<TableRowCondition>? Conditions { get; set; }

    [WireKey(3)]
    public JsonElement? Object { get; set; }
}
