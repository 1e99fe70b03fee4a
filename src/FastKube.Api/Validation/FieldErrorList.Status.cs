using FastKube.Api.Meta;

namespace FastKube.Api.Validation;

public sealed partial class FieldErrorList
{
    /// <summary>
    /// Upstream's apierrors.NewInvalid: a 422 Status with reason Invalid, one cause per error
    /// (cause message = the error without its field) and the message
    /// <c>Kind.group "name" is invalid: ...</c>.
    /// </summary>
    public Status ToStatus(string kind, string group, string name)
    {
        var causes = new List<StatusCause>(_errors.Count);
        foreach (var error in _errors)
        {
            causes.Add(new StatusCause { Reason = error.Reason, Message = error.Body, Field = error.Field });
        }

        var qualifiedKind = group.Length == 0 ? kind : kind + "." + group;
        var quoted = new System.Text.StringBuilder();
        FieldError.GoQuote(quoted, name);
        var message = qualifiedKind + " " + quoted + " is invalid";
        if (_errors.Count > 0)
        {
            message += ": " + ToAggregateMessage();
        }

        return new Status
        {
            Kind = Status.KindName,
            ApiVersion = Status.GroupVersion,
            Metadata = new ListMeta(),
            Outcome = Status.Failure,
            Message = message,
            Reason = StatusReasons.Invalid,
            Details = new StatusDetails { Name = name, Group = group, Kind = kind, Causes = causes },
            Code = 422,
        };
    }
}
