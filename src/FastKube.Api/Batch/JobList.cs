using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Batch;

/// <summary>
/// A list of <see cref="Job"/> objects (batch/v1 JobList).
/// </summary>
public sealed class JobList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "JobList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "batch/v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Job>? Items { get; set; }
}
