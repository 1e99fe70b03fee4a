using System.Collections;
using System.Text;

namespace FastKube.Api.Validation;

/// <summary>
/// Every violation found in one object, in the order found (upstream's field.ErrorList).
/// Validators append to one list instead of returning and concatenating lists.
/// </summary>
public sealed partial class FieldErrorList : IReadOnlyList<FieldError>
{
    private readonly List<FieldError> _errors = [];

    public int Count => _errors.Count;

    public bool IsEmpty => _errors.Count == 0;

    public FieldError this[int index] => _errors[index];

    public void Add(FieldError error) => _errors.Add(error);

    public void AddRange(IEnumerable<FieldError> errors) => _errors.AddRange(errors);

    public void Required(FieldPath field, string detail = "") => _errors.Add(FieldError.Required(field, detail));

    public void Invalid(FieldPath field, object? value, string detail) => _errors.Add(FieldError.Invalid(field, value, detail));

    public void NotSupported(FieldPath field, object? value, IReadOnlyList<string> supported) =>
        _errors.Add(FieldError.NotSupported(field, value, supported));

    public void Duplicate(FieldPath field, object? value) => _errors.Add(FieldError.Duplicate(field, value));

    public void Forbidden(FieldPath field, string detail) => _errors.Add(FieldError.Forbidden(field, detail));

    public void NotFound(FieldPath field, object? value) => _errors.Add(FieldError.NotFound(field, value));

    public void TooLong(FieldPath field, object? value, int maxLength) => _errors.Add(FieldError.TooLong(field, value, maxLength));

    public void TooMany(FieldPath field, int actual, int max) => _errors.Add(FieldError.TooMany(field, actual, max));

    /// <summary>One Invalid error per message a name/label checker returned.</summary>
    public void InvalidEach(FieldPath field, object? value, IReadOnlyList<string> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            _errors.Add(FieldError.Invalid(field, value, messages[i]));
        }
    }

    /// <summary>
    /// Upstream's ToAggregate().Error(): duplicate messages collapse, one message stands alone,
    /// several are joined as <c>[a, b]</c>. Empty when there are no errors.
    /// </summary>
    public string ToAggregateMessage()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var messages = new List<string>(_errors.Count);
        foreach (var error in _errors)
        {
            var message = error.ToString();
            if (seen.Add(message))
            {
                messages.Add(message);
            }
        }

        if (messages.Count <= 1)
        {
            return messages.Count == 0 ? "" : messages[0];
        }

        var sb = new StringBuilder("[");
        for (var i = 0; i < messages.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(messages[i]);
        }

        return sb.Append(']').ToString();
    }

    public IEnumerator<FieldError> GetEnumerator() => _errors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => ToAggregateMessage();
}
