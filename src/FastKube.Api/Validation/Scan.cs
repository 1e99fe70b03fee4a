namespace FastKube.Api.Validation;

/// <summary>
/// Allocation-free matchers for the anchored patterns in <see cref="NameRules"/>; each method
/// names the regex it is equivalent to.
/// </summary>
internal static class Scan
{
    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsAlnum(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static bool IsAlpha(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    /// <summary>^[a-z0-9]([-a-z0-9]*[a-z0-9])?$</summary>
    public static bool IsDns1123Label(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !IsLowerAlnum(s[0]) || !IsLowerAlnum(s[^1]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsLowerAlnum(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>^label(\.label)*$ with label as in <see cref="IsDns1123Label"/>.</summary>
    public static bool IsDns1123Subdomain(ReadOnlySpan<char> s)
    {
        while (true)
        {
            var dot = s.IndexOf('.');
            if (dot < 0)
            {
                return IsDns1123Label(s);
            }

            if (!IsDns1123Label(s[..dot]))
            {
                return false;
            }

            s = s[(dot + 1)..];
        }
    }

    /// <summary>^[a-z]([-a-z0-9]*[a-z0-9])?$</summary>
    public static bool IsDns1035Label(ReadOnlySpan<char> s) =>
        s.Length > 0 && s[0] is >= 'a' and <= 'z' && IsDns1123Label(s);

    /// <summary>^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$</summary>
    public static bool IsQualifiedNamePart(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !IsAlnum(s[0]) || !IsAlnum(s[^1]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsAlnum(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>^[A-Za-z_][A-Za-z0-9_]*$</summary>
    public static bool IsCIdentifier(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || (!IsAlpha(s[0]) && s[0] != '_'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsAlnum(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>^[-._a-zA-Z][-._a-zA-Z0-9]*$</summary>
    public static bool IsEnvVarName(ReadOnlySpan<char> s) =>
        s.Length > 0 && s[0] is not (>= '0' and <= '9') && IsConfigMapKey(s);

    /// <summary>^[-._a-zA-Z0-9]+$</summary>
    public static bool IsConfigMapKey(ReadOnlySpan<char> s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsAlnum(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>^[0-9]+%$</summary>
    public static bool IsPercent(ReadOnlySpan<char> s)
    {
        if (s.Length < 2 || s[^1] != '%')
        {
            return false;
        }

        foreach (var c in s[..^1])
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
