using System.Net;
using System.Net.Sockets;

namespace FastKube.Api.Validation;

/// <summary>
/// Upstream's ValidateNonSpecialIP: endpoint addresses may not be unspecified, loopback,
/// link-local or link-local multicast, since traffic to them never leaves the node.
/// </summary>
internal static class SpecialIP
{
    public static void Validate(string text, FieldPath path, FieldErrorList errs)
    {
        if (!IPAddress.TryParse(text, out var ip))
        {
            return;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        var v4 = ip.AddressFamily == AddressFamily.InterNetwork;
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            errs.Invalid(path, text, "may not be unspecified (0.0.0.0, ::)");
        }
        else if (IPAddress.IsLoopback(ip))
        {
            errs.Invalid(path, text, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        }
        else if (v4 ? bytes[0] == 169 && bytes[1] == 254 : ip.IsIPv6LinkLocal)
        {
            errs.Invalid(path, text, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        }
        else if (v4 ? bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0 : bytes[0] == 0xff && (bytes[1] & 0x0f) == 2)
        {
            errs.Invalid(path, text, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
        }
    }
}
