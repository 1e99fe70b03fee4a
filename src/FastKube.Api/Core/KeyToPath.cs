using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Maps one key to a relative file path and mode.
/// </summary>
public sealed class KeyToPath
{
    [WireKey(1)]
    public string? Key { get; set; }

    [WireKey(2)]
    public string? Path { get; set; }

    [WireKey(3)]
    public int? Mode { get; set; }
}
