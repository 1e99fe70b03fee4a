using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One field-level cause of a failure (e.g. one validation error).
/// </summary>
public sealed class StatusCause
{
    /// <summary>See <see cref="CauseTypes"/>.</summary>
    [WireKey(1)]
    public string? Reason { get; set; }

    [WireKey(2)]
    public string? Message { get; set; }

    [WireKey(3)]
    public string? Field { get; set; }
}
