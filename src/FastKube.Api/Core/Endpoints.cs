using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// The addresses behind a service (core/v1 Endpoints; superseded by EndpointSlice).
/// </summary>
public sealed class Endpoints : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "Endpoints";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    public List<EndpointSubset>? Subsets { get; set; }
}
