using FastKube.Api.Meta;

namespace FastKube.Client;

/// <summary>
/// A request the API server refused: carries the server's <see cref="Api.Meta.Status"/> (code, reason,
/// message, details with causes). A response that was not a Status (a proxy's error page) is turned into one
/// with the HTTP code and the body's first characters as the message.
/// </summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException(Status status)
        : base(Describe(status))
    {
        Status = status;
    }

    public KubeApiException()
        : this(new Status { Code = 500, Outcome = Status.Failure })
    {
    }

    public KubeApiException(string message)
        : this(new Status { Code = 500, Outcome = Status.Failure, Message = message })
    {
    }

    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new Status { Code = 500, Outcome = Status.Failure, Message = message };
    }

    public Status Status { get; }

    /// <summary>The HTTP status code (Status.code).</summary>
    public int Code => Status.Code ?? 500;

    /// <summary>Status.reason, e.g. NotFound, AlreadyExists, Conflict, Invalid, Expired; see <see cref="StatusReasons"/>.</summary>
    public string? Reason => Status.Reason;

    /// <summary>The field-level causes of a 422 Invalid (or any other failure that has them).</summary>
    public IReadOnlyList<StatusCause> Causes => Status.Details?.Causes ?? [];

    public bool IsNotFound => Code == 404;

    public bool IsAlreadyExists => Code == 409 && Reason == StatusReasons.AlreadyExists;

    /// <summary>A resourceVersion precondition failed (409 Conflict): re-read and retry.</summary>
    public bool IsConflict => Code == 409 && Reason != StatusReasons.AlreadyExists;

    public bool IsInvalid => Code == 422;

    /// <summary>410: the requested resourceVersion is compacted away; list again.</summary>
    public bool IsGone => Code == 410;

    private static string Describe(Status status) =>
        $"{status.Code} {status.Reason}: {status.Message}";
}
