using FastKube.Api.Serialization;

namespace FastKube.Api.Meta;

/// <summary>
/// Conditions a DELETE must satisfy: the object's uid and/or resourceVersion.
/// </summary>
public sealed class Preconditions
{
    [WireKey(1)]
    public string? Uid { get; set; }

    [WireKey(2)]
    public string? ResourceVersion { get; set; }
}
