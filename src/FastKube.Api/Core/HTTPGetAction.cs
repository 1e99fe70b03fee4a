using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// An HTTP GET; a status from 200 to 399 is success.
/// </summary>
public sealed class HTTPGetAction
{
    [WireKey(1)]
    public string? Path { get; set; }

    [WireKey(2)]
    public IntOrString? Port { get; set; }

    [WireKey(3)]
    public string? Host { get; set; }

    /// <summary>HTTP or HTTPS.</summary>
    [WireKey(4)]
    public string? Scheme { get; set; }

    [WireKey(5)]
    public List<HTTPHeader>? HttpHeaders { get; set; }
}
