namespace FastKube.Api.Core;

/// <summary>The values of <see cref="ServiceSpec.IPFamilies"/> (and EndpointSlice address types for IPs).</summary>
public static class IPFamilyNames
{
    public const string IPv4 = "IPv4";
    public const string IPv6 = "IPv6";
}
