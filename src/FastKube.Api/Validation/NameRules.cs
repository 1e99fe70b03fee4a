using System.Globalization;

namespace FastKube.Api.Validation;

/// <summary>
/// Upstream's k8s.io/apimachinery/pkg/util/validation string checks, with the same messages.
/// Each returns the list of problems (empty when valid, without allocating). The patterns are
/// matched by hand-written scanners rather than regular expressions because every write to the
/// API server runs several of them; the regex text still appears in the messages as upstream's does.
/// </summary>
public static class NameRules
{
    public const int DNS1123LabelMaxLength = 63;
    public const int DNS1123SubdomainMaxLength = 253;
    public const int DNS1035LabelMaxLength = 63;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int PortNameMaxLength = 15;

    public const string DNS1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public const string DNS1123SubdomainFmt = DNS1123LabelFmt + "(\\." + DNS1123LabelFmt + ")*";
    public const string DNS1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    public const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    public const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    public const string CIdentifierFmt = "[A-Za-z_][A-Za-z0-9_]*";
    public const string EnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    public const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    public const string PercentFmt = "[0-9]+%";
    public const string HttpHeaderNameFmt = "[-A-Za-z0-9]+";

    private const string DNS1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string DNS1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string DNS1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string CIdentifierErrMsg = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
    private const string EnvVarNameErrMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
    private const string RelaxedEnvVarNameErrMsg = "a valid environment variable name must consist only of printable ASCII characters other than '='";
    private const string ConfigMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private const string HttpHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'";
    private const string PercentErrMsg = "a valid percent string must be a numeric string followed by an ending '%'";

    public const string EmptyError = "must be non-empty";
    public const string IsNegativeErrorMsg = "must be greater than or equal to 0";
    public const string FieldImmutableErrorMsg = "field is immutable";

    public static string MaxLenError(int length) =>
        string.Create(CultureInfo.InvariantCulture, $"must be no more than {length} characters");

    public static string InclusiveRangeError(long lo, long hi) =>
        string.Create(CultureInfo.InvariantCulture, $"must be between {lo} and {hi}, inclusive");

    /// <summary>Upstream's RegexError: the message, the examples and the pattern it checks.</summary>
    public static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return message + " (regex used for validation is '" + format + "')";
        }

        var text = message + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                text += " or ";
            }

            text += "'" + examples[i] + "', ";
        }

        return text + "regex used for validation is '" + format + "')";
    }

    private static readonly string DNS1123LabelRegexError = RegexError(DNS1123LabelErrMsg, DNS1123LabelFmt, "my-name", "123-abc");
    private static readonly string DNS1123SubdomainRegexError = RegexError(DNS1123SubdomainErrMsg, DNS1123SubdomainFmt, "example.com");
    private static readonly string DNS1035LabelRegexError = RegexError(DNS1035LabelErrMsg, DNS1035LabelFmt, "my-name", "abc-123");
    private static readonly string QualifiedNameRegexError = RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc");
    private static readonly string LabelValueRegexError = RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345");
    private static readonly string CIdentifierRegexError = RegexError(CIdentifierErrMsg, CIdentifierFmt, "my_name", "MY_NAME", "MyName");
    private static readonly string EnvVarNameRegexError = RegexError(EnvVarNameErrMsg, EnvVarNameFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1");
    private static readonly string ConfigMapKeyRegexError = RegexError(ConfigMapKeyErrMsg, ConfigMapKeyFmt, "key.name", "KEY_NAME", "key-name");
    private static readonly string PercentRegexError = RegexError(PercentErrMsg, PercentFmt, "1%", "93%");

    private static readonly string HttpHeaderNameRegexError = RegexError(HttpHeaderNameErrMsg, HttpHeaderNameFmt, "X-Header-Name");
    private static readonly string[] None = [];

    public static IReadOnlyList<string> IsDNS1123Label(string value)
    {
        List<string>? errs = null;
        if (value.Length > DNS1123LabelMaxLength)
        {
            Add(ref errs, MaxLenError(DNS1123LabelMaxLength));
        }

        if (!Scan.IsDns1123Label(value))
        {
            Add(ref errs, DNS1123LabelRegexError);
        }

        return (IReadOnlyList<string>?)errs ?? None;
    }

    public static IReadOnlyList<string> IsDNS1123Subdomain(string value)
    {
        List<string>? errs = null;
        if (value.Length > DNS1123SubdomainMaxLength)
        {
            Add(ref errs, MaxLenError(DNS1123SubdomainMaxLength));
        }

        if (!Scan.IsDns1123Subdomain(value))
        {
            Add(ref errs, DNS1123SubdomainRegexError);
        }

        return (IReadOnlyList<string>?)errs ?? None;
    }

    public static IReadOnlyList<string> IsDNS1035Label(string value)
    {
        List<string>? errs = null;
        if (value.Length > DNS1035LabelMaxLength)
        {
            Add(ref errs, MaxLenError(DNS1035LabelMaxLength));
        }

        if (!Scan.IsDns1035Label(value))
        {
            Add(ref errs, DNS1035LabelRegexError);
        }

        return (IReadOnlyList<string>?)errs ?? None;
    }

    /// <summary>A label or annotation key: a name with an optional DNS-subdomain prefix and '/'.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        List<string>? errs = null;
        var name = value.AsSpan();
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (value.IndexOf('/', slash + 1) >= 0)
            {
                return [
                    "a qualified name " + QualifiedNameRegexError +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                ];
            }

            var prefix = value.AsSpan(0, slash);
            name = value.AsSpan(slash + 1);
            if (prefix.Length == 0)
            {
                Add(ref errs, "prefix part " + EmptyError);
            }
            else if (prefix.Length > DNS1123SubdomainMaxLength || !Scan.IsDns1123Subdomain(prefix))
            {
                foreach (var msg in IsDNS1123Subdomain(prefix.ToString()))
                {
                    Add(ref errs, "prefix part " + msg);
                }
            }
        }

        if (name.Length == 0)
        {
            Add(ref errs, "name part " + EmptyError);
        }
        else if (name.Length > QualifiedNameMaxLength)
        {
            Add(ref errs, "name part " + MaxLenError(QualifiedNameMaxLength));
        }

        if (!Scan.IsQualifiedNamePart(name))
        {
            Add(ref errs, "name part " + QualifiedNameRegexError);
        }

        return (IReadOnlyList<string>?)errs ?? None;
    }

    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        List<string>? errs = null;
        if (value.Length > LabelValueMaxLength)
        {
            Add(ref errs, MaxLenError(LabelValueMaxLength));
        }

        if (value.Length > 0 && !Scan.IsQualifiedNamePart(value))
        {
            Add(ref errs, LabelValueRegexError);
        }

        return (IReadOnlyList<string>?)errs ?? None;
    }

    public static IReadOnlyList<string> IsValidPortNum(long port) =>
        port is >= 1 and <= 65535 ? None : [InclusiveRangeError(1, 65535)];

    /// <summary>An IANA_SVC_NAME (RFC 6335): what container and service port names must be.</summary>
    public static IReadOnlyList<string> IsValidPortName(string port)
    {
        List<string>? errs = null;
        if (port.Length > PortNameMaxLength)
        {
            Add(ref errs, MaxLenError(PortNameMaxLength));
        }

        var charsetOk = port.Length > 0;
        var hasLetter = false;
        foreach (var c in port)
        {
            if (c is >= 'a' and <= 'z')
            {
                hasLetter = true;
            }
            else if (c is not (>= '0' and <= '9') and not '-')
            {
                charsetOk = false;
            }
        }

        if (!charsetOk)
        {
            Add(ref errs, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!hasLetter)
        {
            Add(ref errs, "must contain at least one letter (a-z)");
        }

        if (port.Contains("--", StringComparison.Ordinal))
        {
            Add(ref errs, "must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            Add(ref errs, "must not begin or end with a hyphen");
        }

        return (IReadOnlyList<string>?)errs ?? None;
    }

    public static IReadOnlyList<string> IsCIdentifier(string value) =>
        Scan.IsCIdentifier(value) ? None : [CIdentifierRegexError];

    /// <summary>The strict environment variable name rule (RelaxedEnvironmentVariableValidation off).</summary>
    public static IReadOnlyList<string> IsEnvVarName(string value)
    {
        List<string>? errs = null;
        if (!Scan.IsEnvVarName(value))
        {
            Add(ref errs, EnvVarNameRegexError);
        }

        AddChDirPrefix(ref errs, value);
        return (IReadOnlyList<string>?)errs ?? None;
    }

    /// <summary>
    /// The relaxed rule upstream applies since the RelaxedEnvironmentVariableValidation gate went
    /// on by default (1.32): any printable ASCII except '='.
    /// </summary>
    public static IReadOnlyList<string> IsRelaxedEnvVarName(string value)
    {
        var ok = true;
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '=')
            {
                ok = false;
                break;
            }
        }

        return ok ? None : [RelaxedEnvVarNameErrMsg];
    }

    public static IReadOnlyList<string> IsConfigMapKey(string value)
    {
        List<string>? errs = null;
        if (value.Length > DNS1123SubdomainMaxLength)
        {
            Add(ref errs, MaxLenError(DNS1123SubdomainMaxLength));
        }

        if (!Scan.IsConfigMapKey(value))
        {
            Add(ref errs, ConfigMapKeyRegexError);
        }

        AddChDirPrefix(ref errs, value);
        return (IReadOnlyList<string>?)errs ?? None;
    }

    public static IReadOnlyList<string> IsValidPercent(string value) =>
        Scan.IsPercent(value) ? None : [PercentRegexError];

    public static IReadOnlyList<string> IsHTTPHeaderName(string value)
    {
        var ok = value.Length > 0;
        foreach (var c in value)
        {
            ok &= c is '-' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
        }

        return ok ? None : [HttpHeaderNameRegexError];
    }

    public static IReadOnlyList<string> IsValidIP(string value) =>
        IPText.IsValidIP(value) ? None : ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"];

    public static IReadOnlyList<string> IsValidCIDR(string value) =>
        IPText.IsValidCidr(value) ? None : ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"];

    /// <summary>Upstream's IsValidPathSegmentName: names end up in URL paths.</summary>
    public static IReadOnlyList<string> IsValidPathSegmentName(string name)
    {
        if (name is "." or "..")
        {
            return ["may not be '" + name + "'"];
        }

        List<string>? errs = null;
        if (name.Contains('/', StringComparison.Ordinal))
        {
            Add(ref errs, "may not contain '/'");
        }

        if (name.Contains('%', StringComparison.Ordinal))
        {
            Add(ref errs, "may not contain '%'");
        }

        return (IReadOnlyList<string>?)errs ?? None;
    }

    private static void AddChDirPrefix(ref List<string>? errs, string value)
    {
        if (value == ".")
        {
            Add(ref errs, "must not be '.'");
        }
        else if (value == "..")
        {
            Add(ref errs, "must not be '..'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            Add(ref errs, "must not start with '..'");
        }
    }

    private static void Add(ref List<string>? errs, string message) => (errs ??= []).Add(message);
}
