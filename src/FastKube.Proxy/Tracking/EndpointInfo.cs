using System.Net;

namespace FastKube.Proxy.Tracking;

/// <summary>
/// One endpoint of a service port, merged from the service's EndpointSlices: address, target port, the
/// three conditions (unset ready counts as ready, unset serving follows ready, as upstream) and topology.
/// </summary>
internal sealed record EndpointInfo(IPAddress Address, ushort Port, bool Ready, bool Serving, bool Terminating, string? NodeName, string? Zone)
{
    public bool IsLocal(string nodeName) => NodeName == nodeName;

    public override string ToString() => $"{Address}:{Port}";
}
