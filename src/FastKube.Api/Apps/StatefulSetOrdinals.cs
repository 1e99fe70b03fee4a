using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// The first replica ordinal.
/// </summary>
public sealed class StatefulSetOrdinals
{
    [WireKey(1)]
    public int? Start { get; set; }
}
