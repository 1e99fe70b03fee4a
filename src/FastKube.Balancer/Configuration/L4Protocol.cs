namespace FastKube.Balancer.Configuration;

/// <summary>The transport a frontend proxies.</summary>
public enum L4Protocol
{
    Tcp,
    Udp,
}
