using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A seccomp profile: RuntimeDefault, Unconfined or Localhost with a profile path.
/// </summary>
public sealed class SeccompProfile
{
    [WireKey(1)]
    public string? Type { get; set; }

    [WireKey(2)]
    public string? LocalhostProfile { get; set; }
}
