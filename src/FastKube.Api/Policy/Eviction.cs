using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Policy;

/// <summary>
/// The body of a POST to pods/{name}/eviction (policy/v1 Eviction).
/// </summary>
public sealed class Eviction : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Eviction";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "policy/v1";

    [WireKey(4)]
    public DeleteOptions? DeleteOptions { get; set; }
}
