using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// RollingUpdate or OnDelete.
/// </summary>
public sealed class StatefulSetUpdateStrategy
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}
