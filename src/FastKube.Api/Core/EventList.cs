using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="Event"/> objects (v1 EventList).
/// </summary>
public sealed class EventList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "EventList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Event>? Items { get; set; }
}
