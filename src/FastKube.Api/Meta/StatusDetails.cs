using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// Extra data about a failure: the object involved and the field-level causes.
/// </summary>
public sealed class StatusDetails
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Group { get; set; }

    [WireKey(3)]
    public string? Kind { get; set; }

    [WireKey(4)]
    public string? Uid { get; set; }

    [WireKey(5)]
    public List<StatusCause>? Causes { get; set; }

    [WireKey(6)]
    public int? RetryAfterSeconds { get; set; }
}
