using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Controllers.Deployments;

namespace FastKube.Controllers.Common;

/// <summary>
/// ControllerRevisions as upstream's DaemonSet and StatefulSet controllers keep them: one per distinct pod
/// template, named <c>owner-hash</c>, owned by the set, carrying the template as a patch
/// (<c>{"spec":{"template":{…,"$patch":"replace"}}}</c>, which is what <c>kubectl rollout undo</c> applies)
/// and a revision number one above the highest so far. The hash is the pod template hash the Deployment
/// controller uses (<see cref="PodTemplateHash"/>).
/// </summary>
internal static class Revisions
{
    public const string HashLabel = "controller-revision-hash";

    public static string Hash(PodTemplateSpec template, int? collisionCount) => PodTemplateHash.Compute(template, collisionCount);

    public static ControllerRevision New(KubeObject owner, string apiVersion, string kind, PodTemplateSpec template, string hash, long revision)
    {
        var templateNode = JsonNode.Parse(KubeJson.Serialize(template))!.AsObject();
        templateNode["$patch"] = "replace";
        var data = new JsonObject { ["spec"] = new JsonObject { ["template"] = templateNode } };
        var labels = template.Metadata?.Labels is { } own ? new Dictionary<string, string>(own, StringComparer.Ordinal) : new(StringComparer.Ordinal);
        labels[HashLabel] = hash;
        return new ControllerRevision
        {
            ApiVersion = ControllerRevision.GroupVersion,
            Kind = ControllerRevision.KindName,
            Metadata = new ObjectMeta
            {
                Name = $"{owner.Metadata!.Name}-{hash}",
                Namespace = owner.Metadata.Namespace,
                Labels = labels,
                OwnerReferences = [ControllerRefs.Reference(owner, apiVersion, kind)],
            },
            Data = JsonSerializer.Deserialize<JsonElement>(data.ToJsonString()),
            Revision = revision,
        };
    }

    /// <summary>The pod template a revision stores, or null when its data is not a template patch.</summary>
    public static PodTemplateSpec? Template(ControllerRevision revision)
    {
        if (revision.Data is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("spec", out var spec) || !spec.TryGetProperty("template", out var template))
        {
            return null;
        }

        var node = JsonNode.Parse(template.GetRawText())!.AsObject();
        node.Remove("$patch");
        return KubeJson.Deserialize<PodTemplateSpec>(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    /// <summary>The revision holding <paramref name="template"/>, compared as canonical JSON.</summary>
    public static ControllerRevision? Find(IEnumerable<ControllerRevision> revisions, PodTemplateSpec template)
    {
        var wanted = TemplateJson.Canonical(template);
        return revisions.Where(r => Template(r) is { } t && TemplateJson.Canonical(t) == wanted).MaxBy(r => r.Revision);
    }

    public static long Next(IEnumerable<ControllerRevision> revisions) => revisions.Select(r => r.Revision ?? 0).DefaultIfEmpty(0).Max() + 1;

    /// <summary>Old revisions past the history limit, oldest first, never one of <paramref name="live"/> (names or hashes pods still carry).</summary>
    public static List<ControllerRevision> Surplus(IEnumerable<ControllerRevision> revisions, ISet<string> live, int? historyLimit)
    {
        var old = revisions.Where(r => !live.Contains(r.Metadata!.Name!) && !live.Contains(r.Metadata.Labels?.GetValueOrDefault(HashLabel) ?? ""))
            .OrderBy(r => r.Revision).ToList();
        return old.Take(Math.Max(0, old.Count - (historyLimit ?? 10))).ToList();
    }

    public static string Text(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
