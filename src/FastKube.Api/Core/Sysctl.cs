using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A namespaced kernel parameter set for the pod.
/// </summary>
public sealed class Sysctl
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Value { get; set; }
}
