using System.Globalization;

namespace FastKube.Api.Validation;

/// <summary>Small field checks many kinds share, each the counterpart of an upstream helper.</summary>
internal static class Checks
{
    public static readonly string[] PortProtocols = ["SCTP", "TCP", "UDP"];

    public static void NonNegative(long? value, FieldPath path, FieldErrorList errs)
    {
        if (value is < 0)
        {
            errs.Invalid(path, value.Value, NameRules.IsNegativeErrorMsg);
        }
    }

    public static void Dns1123Label(string value, FieldPath path, FieldErrorList errs) =>
        errs.InvalidEach(path, value, NameRules.IsDNS1123Label(value));

    public static void Dns1123Subdomain(string value, FieldPath path, FieldErrorList errs) =>
        errs.InvalidEach(path, value, NameRules.IsDNS1123Subdomain(value));

    public static void QualifiedName(string value, FieldPath path, FieldErrorList errs) =>
        errs.InvalidEach(path, value, NameRules.IsQualifiedName(value));

    /// <summary>Upstream's ValidatePortNumOrName: a number in range or an IANA service name.</summary>
    public static void PortNumOrName(IntOrString? port, FieldPath path, FieldErrorList errs)
    {
        var value = port ?? default;
        if (value.IsString)
        {
            errs.InvalidEach(path, value.StringValue, NameRules.IsValidPortName(value.StringValue));
        }
        else
        {
            errs.InvalidEach(path, value.IntValue, NameRules.IsValidPortNum(value.IntValue));
        }
    }

    public static void Protocol(string? protocol, FieldPath path, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(protocol))
        {
            errs.Required(path);
        }
        else if (Array.IndexOf(PortProtocols, protocol) < 0)
        {
            errs.NotSupported(path, protocol, PortProtocols);
        }
    }

    /// <summary>Upstream's ValidatePositiveIntOrPercent (which, despite its name, allows 0).</summary>
    public static void PositiveIntOrPercent(IntOrString? value, FieldPath path, FieldErrorList errs)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v.IsString)
        {
            errs.InvalidEach(path, v.StringValue, NameRules.IsValidPercent(v.StringValue));
        }
        else
        {
            NonNegative(v.IntValue, path, errs);
        }
    }

    public static void NotMoreThan100Percent(IntOrString? value, FieldPath path, FieldErrorList errs)
    {
        if (value is { IsString: true } v && PercentValue(v) is > 100)
        {
            errs.Invalid(path, v.StringValue, "must not be greater than 100%");
        }
    }

    /// <summary>The number in an int or a valid "N%" string; null for a malformed percent.</summary>
    public static long? IntOrPercentValue(IntOrString? value)
    {
        if (value is not { } v)
        {
            return 0;
        }

        return v.IsString ? PercentValue(v) : v.IntValue;
    }

    private static long? PercentValue(IntOrString v) =>
        NameRules.IsValidPercent(v.StringValue).Count == 0
        && long.TryParse(v.StringValue.AsSpan(0, v.StringValue.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>Upstream's metav1.FormatLabelSelector, used where a selector is the bad value.</summary>
    public static string FormatSelector(Meta.LabelSelector? selector)
    {
        if (selector is null)
        {
            return "<none>";
        }

        var parts = new List<string>();
        if (selector.MatchLabels is not null)
        {
            foreach (var (k, v) in selector.MatchLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                parts.Add(k + "=" + v);
            }
        }

        if (selector.MatchExpressions is not null)
        {
            foreach (var e in selector.MatchExpressions)
            {
                var values = e.Values is { Count: > 0 } ? " (" + string.Join(",", e.Values) + ")" : "";
                parts.Add(e.Operator switch
                {
                    "Exists" => e.Key ?? "",
                    "DoesNotExist" => "!" + e.Key,
                    "NotIn" => e.Key + " notin" + values,
                    _ => e.Key + " in" + values,
                });
            }
        }

        return parts.Count == 0 ? "<none>" : string.Join(",", parts);
    }
}
