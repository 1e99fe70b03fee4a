using System.Text;

namespace FastKube.Api.Fields;

/// <summary>One term of a field selector: field, equality or inequality, value.</summary>
public sealed record FieldRequirement(string Field, bool Equal, string Value);

/// <summary>
/// A parsed field selector (apimachinery fields.ParseSelector): terms like <c>metadata.name=web</c>,
/// <c>spec.nodeName==n1</c>, <c>status.phase!=Running</c> joined by commas; a backslash escapes
/// <c>\</c>, <c>,</c> and <c>=</c> inside values. Which fields a resource supports is the server's concern.
/// </summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEverything => Requirements.Count == 0;

    /// <summary>True when every term holds for the object whose fields <paramref name="fieldValue"/> reads (null: field absent, compared as "").</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        foreach (var requirement in Requirements)
        {
            if ((fieldValue(requirement.Field) ?? "") == requirement.Value != requirement.Equal)
            {
                return false;
            }
        }

        return true;
    }

    public bool RequiresExactMatch(string field, out string value)
    {
        foreach (var requirement in Requirements)
        {
            if (requirement.Field == field && requirement.Equal)
            {
                value = requirement.Value;
                return true;
            }
        }

        value = "";
        return false;
    }

    public static bool TryParse(string text, out FieldSelector selector, out string error)
    {
        selector = Everything;
        error = "";
        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitUnescaped(text, ','))
        {
            if (term.Length == 0)
            {
                continue;
            }

            if (!TryParseTerm(term, out var requirement))
            {
                error = $"invalid selector: '{text}'; can't understand '{term}'";
                return false;
            }

            requirements.Add(requirement);
        }

        selector = requirements.Count == 0 ? Everything : new FieldSelector(requirements);
        return true;
    }

    public override string ToString() =>
        string.Join(',', Requirements.Select(r => $"{r.Field}{(r.Equal ? "=" : "!=")}{Escape(r.Value)}"));

    private static bool TryParseTerm(string term, out FieldRequirement requirement)
    {
        requirement = null!;
        // Operators in upstream's order of precedence: "!=" before "==" before "=".
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = IndexOfUnescaped(term, op);
            if (at < 0)
            {
                continue;
            }

            var field = term[..at];
            if (field.Length == 0)
            {
                return false;
            }

            requirement = new FieldRequirement(field, equal, Unescape(term[(at + op.Length)..]));
            return true;
        }

        return false;
    }

    private static int IndexOfUnescaped(string text, string op)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitUnescaped(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            builder.Append(value[i]);
        }

        return builder.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
