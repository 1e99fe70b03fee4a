using System.Text.Json.Serialization;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Repeats of an event folded into one.
/// </summary>
public sealed class EventSeries
{
    [WireKey(1)]
    public int? Count { get; set; }

    [WireKey(2)]
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }
}
