using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A reference to any object (core/v1 ObjectReference).
/// </summary>
public sealed class ObjectReference
{
    [WireKey(1)]
    public string? Kind { get; set; }

    [WireKey(2)]
    public string? Namespace { get; set; }

    [WireKey(3)]
    public string? Name { get; set; }

    [WireKey(4)]
    public string? Uid { get; set; }

    [WireKey(5)]
    public string? ApiVersion { get; set; }

    [WireKey(6)]
    public string? ResourceVersion { get; set; }

    [WireKey(7)]
    public string? FieldPath { get; set; }
}
