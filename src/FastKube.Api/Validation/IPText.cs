using System.Net;
using System.Net.Sockets;

namespace FastKube.Api.Validation;

/// <summary>
/// Textual IP and CIDR checks with Go's ParseIPSloppy rules (what upstream validation uses):
/// dotted-quad IPv4 with leading zeros read as decimal, IPv6 in any RFC 4291 form including an
/// embedded IPv4 tail, and no zones, brackets or the short IPv4 forms .NET's parser accepts.
/// </summary>
public static class IPText
{
    public static bool IsIPv4(ReadOnlySpan<char> s)
    {
        var parts = 0;
        while (true)
        {
            var dot = s.IndexOf('.');
            var part = dot < 0 ? s : s[..dot];
            if (part.Length is 0 or > 3)
            {
                return false;
            }

            var value = 0;
            foreach (var c in part)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }

            parts++;
            if (dot < 0)
            {
                return parts == 4;
            }

            if (parts == 4)
            {
                return false;
            }

            s = s[(dot + 1)..];
        }
    }

    public static bool IsIPv6(ReadOnlySpan<char> s)
    {
        if (s.Length < 2 || s.IndexOf(':') < 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c) && c is not (':' or '.'))
            {
                return false;
            }
        }

        var lastColon = s.LastIndexOf(':');
        if (s[(lastColon + 1)..].IndexOf('.') >= 0 && !IsIPv4(s[(lastColon + 1)..]))
        {
            return false;
        }

        return IPAddress.TryParse(s, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    public static bool IsValidIP(ReadOnlySpan<char> s) => IsIPv4(s) || IsIPv6(s);

    public static bool IsValidCidr(ReadOnlySpan<char> s)
    {
        var slash = s.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        var prefix = s[(slash + 1)..];
        if (prefix.Length is 0 or > 3)
        {
            return false;
        }

        var bits = 0;
        foreach (var c in prefix)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            bits = (bits * 10) + (c - '0');
        }

        var ip = s[..slash];
        return IsIPv4(ip) ? bits <= 32 : IsIPv6(ip) && bits <= 128;
    }
}
