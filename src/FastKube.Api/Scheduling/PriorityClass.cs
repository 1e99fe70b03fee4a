using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Scheduling;

/// <summary>
/// A named pod priority (scheduling.k8s.io/v1 PriorityClass).
/// </summary>
public sealed class PriorityClass : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "PriorityClass";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "scheduling.k8s.io/v1";

    [WireKey(4)]
    public int? Value { get; set; }

    [WireKey(5)]
    public bool? GlobalDefault { get; set; }

    [WireKey(6)]
    public string? Description { get; set; }

    /// <summary>PreemptLowerPriority or Never.</summary>
    [WireKey(7)]
    public string? PreemptionPolicy { get; set; }
}
