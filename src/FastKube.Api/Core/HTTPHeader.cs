using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One header of an <see cref="HTTPGetAction"/>.
/// </summary>
public sealed class HTTPHeader
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Value { get; set; }
}
