using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Active or Terminating, with conditions while terminating.
/// </summary>
public sealed class NamespaceStatus
{
    [WireKey(1)]
    public string? Phase { get; set; }

    [WireKey(2)]
    public List<NamespaceCondition>? Conditions { get; set; }
}
