using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// Points at the object that owns this one (meta/v1 OwnerReference); drives garbage collection.
/// </summary>
public sealed class OwnerReference
{
    [WireKey(1)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    public string? Kind { get; set; }

    [WireKey(3)]
    public string? Name { get; set; }

    [WireKey(4)]
    public string? Uid { get; set; }

    [WireKey(5)]
    public bool? Controller { get; set; }

    [WireKey(6)]
    public bool? BlockOwnerDeletion { get; set; }
}
