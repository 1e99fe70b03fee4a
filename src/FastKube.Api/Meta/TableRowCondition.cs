using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// A condition of a table row, e.g. Completed for a finished pod.
/// </summary>
public sealed class TableRowCondition
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public string? Status { get; set; }

    [WireKey(3)]
    public string? Reason { get; set; }

    [WireKey(4)]
    public string? Message { get; set; }
}
