namespace FastKube.Api.Meta;

/// <summary>The <see cref="StatusCause.Reason"/> values of meta/v1 (CauseType); field errors map onto these.</summary>
public static class CauseTypes
{
    public const string FieldValueNotFound = "FieldValueNotFound";
    public const string FieldValueRequired = "FieldValueRequired";
    public const string FieldValueDuplicate = "FieldValueDuplicate";
    public const string FieldValueInvalid = "FieldValueInvalid";
    public const string FieldValueNotSupported = "FieldValueNotSupported";
    public const string FieldValueForbidden = "FieldValueForbidden";
    public const string FieldValueTooLong = "FieldValueTooLong";
    public const string FieldValueTooMany = "FieldValueTooMany";
    public const string FieldValueTypeInvalid = "FieldValueTypeInvalid";
    public const string InternalError = "InternalError";
    public const string UnexpectedServerResponse = "UnexpectedServerResponse";
    public const string FieldManagerConflict = "FieldManagerConflict";
    public const string ResourceVersionTooLarge = "ResourceVersionTooLarge";
}
