using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Imports every key of a ConfigMap or Secret as environment variables.
/// </summary>
public sealed class EnvFromSource
{
    [WireKey(1)]
    public string? Prefix { get; set; }

    [WireKey(2)]
    public ConfigMapEnvSource? ConfigMapRef { get; set; }

    [WireKey(3)]
    public SecretEnvSource? SecretRef { get; set; }
}
