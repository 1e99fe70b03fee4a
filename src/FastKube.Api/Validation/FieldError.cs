using System.Collections;
using System.Globalization;
using System.Text;
using FastKube.Api.Meta;

namespace FastKube.Api.Validation;

/// <summary>
/// One validation failure, shaped like upstream's field.Error: the rendered field path, the
/// offending value and a detail. <see cref="ToString"/> gives upstream's
/// <c>field: Invalid value: "x": detail</c> and <see cref="Body"/> the part after the field, which
/// is what a Status cause carries as its message.
/// </summary>
public sealed class FieldError
{
    private readonly bool _hasValue;

    private FieldError(FieldErrorType type, FieldPath field, object? badValue, bool hasValue, string detail)
    {
        Type = type;
        Field = field.ToString();
        BadValue = badValue;
        _hasValue = hasValue;
        Detail = detail;
    }

    public FieldErrorType Type { get; }

    public string Field { get; }

    public object? BadValue { get; }

    public string Detail { get; }

    /// <summary>The metav1 CauseType string upstream puts into Status causes.</summary>
    public string Reason => Type switch
    {
        FieldErrorType.NotFound => CauseTypes.FieldValueNotFound,
        FieldErrorType.Required => CauseTypes.FieldValueRequired,
        FieldErrorType.Duplicate => CauseTypes.FieldValueDuplicate,
        FieldErrorType.Invalid => CauseTypes.FieldValueInvalid,
        FieldErrorType.NotSupported => CauseTypes.FieldValueNotSupported,
        FieldErrorType.Forbidden => CauseTypes.FieldValueForbidden,
        FieldErrorType.TooLong => CauseTypes.FieldValueTooLong,
        FieldErrorType.TooMany => CauseTypes.FieldValueTooMany,
        FieldErrorType.Internal => CauseTypes.InternalError,
        _ => CauseTypes.FieldValueTypeInvalid,
    };

    /// <summary>Upstream's ErrorType.String(), the words that open every message.</summary>
    public string TypeText => Type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Internal => "Internal error",
        _ => "Invalid value",
    };

    public static FieldError Required(FieldPath field, string detail = "") =>
        new(FieldErrorType.Required, field, null, false, detail);

    public static FieldError NotFound(FieldPath field, object? value) =>
        new(FieldErrorType.NotFound, field, value, true, "");

    public static FieldError Invalid(FieldPath field, object? value, string detail) =>
        new(FieldErrorType.Invalid, field, value, true, detail);

    public static FieldError Duplicate(FieldPath field, object? value, string detail = "") =>
        new(FieldErrorType.Duplicate, field, value, true, detail);

    public static FieldError Forbidden(FieldPath field, string detail) =>
        new(FieldErrorType.Forbidden, field, null, false, detail);

    public static FieldError Internal(FieldPath field, string detail) =>
        new(FieldErrorType.Internal, field, null, false, detail);

    /// <summary>Upstream's NotSupported: the detail lists every allowed value Go-quoted.</summary>
    public static FieldError NotSupported(FieldPath field, object? value, IReadOnlyList<string> supported)
    {
        var detail = "";
        if (supported.Count > 0)
        {
            var sb = new StringBuilder("supported values: ");
            for (var i = 0; i < supported.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                GoQuote(sb, supported[i]);
            }

            detail = sb.ToString();
        }

        return new(FieldErrorType.NotSupported, field, value, true, detail);
    }

    /// <summary>Upstream's TooLong; a negative maximum means "unknown limit".</summary>
    public static FieldError TooLong(FieldPath field, object? value, int maxLength)
    {
        var detail = maxLength >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"may not be more than {maxLength} {(maxLength == 1 ? "byte" : "bytes")}")
            : "value is too long";
        return new(FieldErrorType.TooLong, field, value, true, detail);
    }

    /// <summary>Upstream's TooMany; the actual count is shown when known (non-negative).</summary>
    public static FieldError TooMany(FieldPath field, int actual, int max)
    {
        var detail = max >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"must have at most {max} {(max == 1 ? "item" : "items")}")
            : "has too many items";
        return new(FieldErrorType.TooMany, field, actual >= 0 ? actual : null, actual >= 0, detail);
    }

    /// <summary>The message without the field, as upstream's ErrorBody (and a Status cause message).</summary>
    public string Body
    {
        get
        {
            var sb = new StringBuilder(TypeText);
            var showValue = _hasValue && Type is not (FieldErrorType.Required or FieldErrorType.Forbidden
                or FieldErrorType.TooLong or FieldErrorType.Internal);
            if (showValue)
            {
                sb.Append(": ");
                AppendValue(sb, BadValue);
            }

            if (Detail.Length > 0)
            {
                sb.Append(": ").Append(Detail);
            }

            return sb.ToString();
        }
    }

    public override string ToString() => Field + ": " + Body;

    // Mirrors the Go verbs upstream picks: %q for strings, %v for numbers and booleans, String()
    // for types that have one (Quantity, IntOrString) and a Go-literal-like form for string lists.
    private static void AppendValue(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                GoQuote(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case IFormattable f:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string> list:
                sb.Append("[]string{");
                var first = true;
                foreach (var item in list)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    GoQuote(sb, item);
                }

                sb.Append('}');
                break;
            case IEnumerable and not string:
                sb.Append(value.GetType().Name);
                break;
            default:
                sb.Append(value.ToString());
                break;
        }
    }

    /// <summary>Go's strconv.Quote, which upstream uses for string values in messages (and the downward API for label values).</summary>
    public static void GoQuote(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
