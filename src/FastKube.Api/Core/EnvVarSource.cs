using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Where an environment variable's value comes from; exactly one is set.
/// </summary>
public sealed class EnvVarSource
{
    [WireKey(1)]
    public ObjectFieldSelector? FieldRef { get; set; }

    [WireKey(2)]
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    [WireKey(3)]
    public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }

    [WireKey(4)]
    public SecretKeySelector? SecretKeyRef { get; set; }
}
