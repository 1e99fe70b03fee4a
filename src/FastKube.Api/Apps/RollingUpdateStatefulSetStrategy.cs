using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// Pods with an ordinal at or above partition are updated.
/// </summary>
public sealed class RollingUpdateStatefulSetStrategy
{
    [WireKey(1)]
    public int? Partition { get; set; }

    [WireKey(2)]
    public IntOrString? MaxUnavailable { get; set; }
}
