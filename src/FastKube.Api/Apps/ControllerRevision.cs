using System.Text.Json;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Apps;

/// <summary>
/// An immutable snapshot of a DaemonSet or StatefulSet template (apps/v1 ControllerRevision).
/// </summary>
public sealed class ControllerRevision : KubeObject
{
    /// <summary>The kind this class serializes as.</summary>
    public const string KindName = "ControllerRevision";

    /// <summary>The apiVersion (group/version) this class serializes as.</summary>
    public const string GroupVersion = "apps/v1";

    [WireKey(4)]
    public JsonElement? Data { get; set; }

    [WireKey(5)]
    public long? Revision { get; set; }
}
