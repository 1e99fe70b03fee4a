using System.Text.Json;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests.Serialization.MessagePack;

/// <summary>A type with one property of every wire shape the generator supports, nested collections included.</summary>
public sealed class ShapeSample
{
    [WireKey(1)]
    public string? Text { get; set; }

    [WireKey(2)]
    public bool? Flag { get; set; }

    [WireKey(3)]
    public int? Small { get; set; }

    [WireKey(4)]
    public long? Large { get; set; }

    [WireKey(5)]
    public double? Ratio { get; set; }

    [WireKey(6)]
    public DateTimeOffset? When { get; set; }

    [WireKey(7)]
    public byte[]? Blob { get; set; }

    [WireKey(8)]
    public JsonElement? Raw { get; set; }

    [WireKey(9)]
    public ShapeChild? Child { get; set; }

    [WireKey(10)]
    public List<string>? Names { get; set; }

    [WireKey(11)]
    public List<ShapeChild>? Children { get; set; }

    [WireKey(12)]
    public List<List<string>>? Matrix { get; set; }

    [WireKey(13)]
    public Dictionary<string, string>? Labels { get; set; }

    [WireKey(14)]
    public Dictionary<string, ShapeChild>? ChildrenByName { get; set; }

    [WireKey(15)]
    public Dictionary<string, List<string>>? Groups { get; set; }

    [WireKey(16)]
    public Dictionary<string, byte[]>? Blobs { get; set; }

    [WireKey(17)]
    public List<int>? Numbers { get; set; }

    // Upper-case runs become camelCase the way System.Text.Json's policy does it: "podIPs".
    [WireKey(18)]
    public List<string>? PodIPs { get; set; }

    [WireKey(127)]
    public string? HighKey { get; set; }

    [WireKey(300)]
    public int? WideKey { get; set; }
}

/// <summary>The nested object of <see cref="ShapeSample"/>; derives its first keys from an abstract base.</summary>
public sealed class ShapeChild : ShapeBase
{
    [WireKey(4)]
    public int? Port { get; set; }

    [WireKey(5)]
    public ShapeChild? Next { get; set; }
}

/// <summary>An abstract base like KubeObject: no formatter of its own, its keys are inherited.</summary>
public abstract class ShapeBase
{
    [WireKey(1)]
    public string? Name { get; set; }
}
