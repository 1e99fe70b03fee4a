using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The operating system the pod needs: linux or windows.
/// </summary>
public sealed class PodOS
{
    [WireKey(1)]
    public string? Name { get; set; }
}
