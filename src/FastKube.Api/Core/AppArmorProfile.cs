using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// An AppArmor profile: RuntimeDefault, Unconfined or Localhost with a profile name.
/// </summary>
public sealed class AppArmorProfile
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public string? LocalhostProfile { get; set; }
}
