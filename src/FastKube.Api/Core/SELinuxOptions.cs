using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The SELinux label applied to a container.
/// </summary>
public sealed class SELinuxOptions
{
    [WireKey(1)]
    public string? User { get; set; }

    [WireKey(2)]
    public string? Role { get; set; }

    [WireKey(3)]
    public string? Type { get; set; }

    [WireKey(4)]
    public string? Level { get; set; }
}
