using System.Text.Json;
using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// One event of a watch stream; Object holds the object's raw JSON like upstream's RawExtension.
/// </summary>
public sealed class WatchEvent
{
    /// <summary>See <see cref="WatchEventTypes"/>.</summary>
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public JsonElement? Object { get; set; }
}
