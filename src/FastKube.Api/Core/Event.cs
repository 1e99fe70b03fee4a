using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A report of something that happened to an object (core/v1 Event).
/// </summary>
public sealed class Event : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Event";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public ObjectReference? InvolvedObject { get; set; }

    [WireKey(5)]
    public string? Reason { get; set; }

    [WireKey(6)]
    public string? Message { get; set; }

    [WireKey(7)]
    public EventSource? Source { get; set; }

    [WireKey(8)]
    public DateTimeOffset? FirstTimestamp { get; set; }

    [WireKey(9)]
    public DateTimeOffset? LastTimestamp { get; set; }

    [WireKey(10)]
    public int? Count { get; set; }

    /// <summary>Normal or Warning.</summary>
    [WireKey(11)]
    public string? Type { get; set; }

    [WireKey(12)]
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; set; }

    [WireKey(13)]
    public EventSeries? Series { get; set; }

    [WireKey(14)]
    public string? Action { get; set; }

    [WireKey(15)]
    public ObjectReference? Related { get; set; }

    [WireKey(16)]
    public string? ReportingComponent { get; set; }

    [WireKey(17)]
    public string? ReportingInstance { get; set; }
}
