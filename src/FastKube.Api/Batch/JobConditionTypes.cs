namespace FastKube.Api.Batch;

/// <summary>The condition types of a job.</summary>
public static class JobConditionTypes
{
    public const string Suspended = "Suspended";
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string FailureTarget = "FailureTarget";
    public const string SuccessCriteriaMet = "SuccessCriteriaMet";
}
