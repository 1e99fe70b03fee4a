using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Non-secret configuration data (core/v1 ConfigMap).
/// </summary>
public sealed class ConfigMap : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "ConfigMap";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public bool? Immutable { get; set; }

    [WireKey(5)]
    public Dictionary<string, string>? Data { get; set; }

    [WireKey(6)]
    public Dictionary<string, byte[]>? BinaryData { get; set; }
}
