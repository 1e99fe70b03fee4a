using FastKube.Dataplane.Kernel.NfTables;

namespace FastKube.Proxy.Tracking;

/// <summary>
/// One port of one Service, the unit the proxy programs (upstream's ServicePortName): namespace, name, the
/// port's name ("" when the service has a single unnamed port) and its protocol.
/// </summary>
internal readonly record struct ServicePortName(string Namespace, string Name, string Port, byte Protocol) : IComparable<ServicePortName>
{
    /// <summary>The Service's <c>ns/name</c>: the key both trackers group by.</summary>
    public string ServiceKey => Namespace + "/" + Name;

    public string ProtocolName => NfValue.ProtocolName(Protocol);

    public int CompareTo(ServicePortName other)
    {
        int c = string.CompareOrdinal(Namespace, other.Namespace);
        c = c != 0 ? c : string.CompareOrdinal(Name, other.Name);
        c = c != 0 ? c : string.CompareOrdinal(Port, other.Port);
        return c != 0 ? c : Protocol.CompareTo(other.Protocol);
    }

    /// <summary><c>ns/name:port/tcp</c>.</summary>
    public override string ToString() => $"{Namespace}/{Name}:{Port}/{ProtocolName}";

    /// <summary>The protocol number of a Kubernetes protocol name (TCP when unset, as the API defaults it); null for unknown ones.</summary>
    public static byte? ParseProtocol(string? protocol) => protocol switch
    {
        null or "" or "TCP" => NfValue.Tcp,
        "UDP" => NfValue.Udp,
        "SCTP" => NfValue.Sctp,
        _ => null,
    };
}
