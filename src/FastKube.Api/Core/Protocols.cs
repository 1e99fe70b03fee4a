namespace FastKube.Api.Core;

/// <summary>Port protocols.</summary>
public static class Protocols
{
    public const string Tcp = "TCP";
    public const string Udp = "UDP";
    public const string Sctp = "SCTP";
}
