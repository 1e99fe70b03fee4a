using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// How pods are replaced: RollingUpdate or Recreate.
/// </summary>
public sealed class DeploymentStrategy
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public RollingUpdateDeployment? RollingUpdate { get; set; }
}
