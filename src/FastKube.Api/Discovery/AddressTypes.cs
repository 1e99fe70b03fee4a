namespace FastKube.Api.Discovery;

/// <summary>The values of <see cref="EndpointSlice.AddressType"/>.</summary>
public static class AddressTypes
{
    public const string IPv4 = "IPv4";
    public const string IPv6 = "IPv6";
    public const string Fqdn = "FQDN";
}
