using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// Secret data (core/v1 Secret). Data values are raw bytes, base64 in JSON; stringData is write-only
/// input merged into data by the API server.
/// </summary>
public sealed class Secret : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Secret";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public bool? Immutable { get; set; }

    [WireKey(5)]
    public Dictionary<string, byte[]>? Data { get; set; }

    [WireKey(6)]
    public Dictionary<string, string>? StringData { get; set; }

    /// <summary>e.g. Opaque, kubernetes.io/service-account-token, kubernetes.io/tls.</summary>
    [WireKey(7)]
    public string? Type { get; set; }
}
