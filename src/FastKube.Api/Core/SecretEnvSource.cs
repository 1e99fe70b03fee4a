using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The Secret an <see cref="EnvFromSource"/> reads.
/// </summary>
public sealed class SecretEnvSource
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public bool? Optional { get; set; }
}
