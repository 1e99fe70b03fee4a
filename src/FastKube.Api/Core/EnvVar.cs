using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One environment variable: a literal value or a reference.
/// </summary>
public sealed class EnvVar
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Value { get; set; }

    [WireKey(3)]
    public EnvVarSource? ValueFrom { get; set; }
}
