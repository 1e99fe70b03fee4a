using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The pod a workload controller stamps out: metadata and spec, no status.
/// </summary>
public sealed class PodTemplateSpec
{
    [WireKey(1)]
    public ObjectMeta? Metadata { get; set; }

    [WireKey(2)]
    public PodSpec? Spec { get; set; }
}
