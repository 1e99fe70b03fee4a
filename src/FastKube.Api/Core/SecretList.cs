using System.Text.Json.Serialization;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// A list of <see cref="Secret"/> objects (v1 SecretList).
/// </summary>
public sealed class SecretList : KubeList
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "SecretList";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "v1";

    [WireKey(4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<Secret>? Items { get; set; }
}
