using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One key of a Secret.
/// </summary>
public sealed class SecretKeySelector
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Key { get; set; }

    [WireKey(3)]
    public bool? Optional { get; set; }
}
