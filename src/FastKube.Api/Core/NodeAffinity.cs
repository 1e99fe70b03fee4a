using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Node constraints: required terms (ORed) and weighted preferences.
/// </summary>
public sealed class NodeAffinity
{
    [WireKey(1)]
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    [WireKey(2)]
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}
