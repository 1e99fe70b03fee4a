namespace FastKube.Api.Validation;

/// <summary>The kinds of field error upstream's field package knows, in its order.</summary>
public enum FieldErrorType
{
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}
