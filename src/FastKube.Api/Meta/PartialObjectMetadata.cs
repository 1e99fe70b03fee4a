namespace FastKube.Api.Meta;

/// <summary>
/// Only the metadata of an object (meta.k8s.io/v1), e.g. the object of a Table row.
/// </summary>
public sealed class PartialObjectMetadata : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "PartialObjectMetadata";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "meta.k8s.io/v1";
}
