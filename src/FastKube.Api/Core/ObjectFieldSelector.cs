using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Selects a field of the pod (downward API), e.g. metadata.name or status.podIP.
/// </summary>
public sealed class ObjectFieldSelector
{
    [WireKey(1)]
    public string? ApiVersion { get; set; }

    [WireKey(2)]
    public string? FieldPath { get; set; }
}
