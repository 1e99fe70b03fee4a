namespace FastKube.Api.Meta;

/// <summary>The machine-readable <see cref="Status.Reason"/> values of meta/v1 (StatusReason), with the HTTP code each goes with.</summary>
public static class StatusReasons
{
    /// <summary>500, no more specific reason known.</summary>
    public const string Unknown = "";

    /// <summary>401.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>403.</summary>
    public const string Forbidden = "Forbidden";

    /// <summary>404.</summary>
    public const string NotFound = "NotFound";

    /// <summary>409, the object to create exists.</summary>
    public const string AlreadyExists = "AlreadyExists";

    /// <summary>409, a write lost an optimistic-concurrency race (stale resourceVersion).</summary>
    public const string Conflict = "Conflict";

    /// <summary>410, the requested resourceVersion is compacted away.</summary>
    public const string Gone = "Gone";

    /// <summary>410, the watch or list continuation is too old.</summary>
    public const string Expired = "Expired";

    /// <summary>422, validation failed; <see cref="StatusDetails.Causes"/> lists the fields.</summary>
    public const string Invalid = "Invalid";

    /// <summary>500 with Retry-After, the server could not finish in time.</summary>
    public const string ServerTimeout = "ServerTimeout";

    /// <summary>504, the request's own timeout passed.</summary>
    public const string Timeout = "Timeout";

    /// <summary>429.</summary>
    public const string TooManyRequests = "TooManyRequests";

    /// <summary>400.</summary>
    public const string BadRequest = "BadRequest";

    /// <summary>405.</summary>
    public const string MethodNotAllowed = "MethodNotAllowed";

    /// <summary>406.</summary>
    public const string NotAcceptable = "NotAcceptable";

    /// <summary>413.</summary>
    public const string RequestEntityTooLarge = "RequestEntityTooLarge";

    /// <summary>415.</summary>
    public const string UnsupportedMediaType = "UnsupportedMediaType";

    /// <summary>500.</summary>
    public const string InternalError = "InternalError";

    /// <summary>503.</summary>
    public const string ServiceUnavailable = "ServiceUnavailable";
}
