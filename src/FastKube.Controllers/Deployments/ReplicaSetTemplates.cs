using System.Globalization;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.Deployments;

/// <summary>
/// How a Deployment's ReplicaSets relate to it: the annotations upstream's deployment controller keeps on
/// them (which kubectl rollout history/undo read), template equality ignoring the pod-template-hash label,
/// and the new ReplicaSet for the current template.
/// </summary>
internal static class ReplicaSetTemplates
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <summary>Deployment annotations that describe the Deployment itself and are not copied to its ReplicaSets (upstream skipCopyAnnotation).</summary>
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        RevisionAnnotation,
        RevisionHistoryAnnotation,
        DesiredReplicasAnnotation,
        MaxReplicasAnnotation,
        "deprecated.deployment.rollback.to",
    };

    public static long Revision(ReplicaSet replicaSet) =>
        replicaSet.Metadata?.Annotations?.TryGetValue(RevisionAnnotation, out var text) == true
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    /// <summary>Whether two pod templates are the same apart from the pod-template-hash label, map order and empty values.</summary>
    public static bool EqualIgnoringHash(PodTemplateSpec? a, PodTemplateSpec? b) =>
        TemplateJson.Canonical(WithoutHash(a)) == TemplateJson.Canonical(WithoutHash(b));

    /// <summary>The ReplicaSet a Deployment runs its current template in; its name carries the template's hash.</summary>
    public static ReplicaSet NewReplicaSet(Deployment deployment, int replicas, long revision, int maxSurge)
    {
        var spec = deployment.Spec!;
        var hash = PodTemplateHash.Compute(spec.Template!, deployment.Status?.CollisionCount);
        var template = Objects.Copy(spec.Template!);
        var templateMeta = template.Metadata ??= new ObjectMeta();
        (templateMeta.Labels ??= new(StringComparer.Ordinal))[PodTemplateHash.Label] = hash;
        var selector = Objects.Copy(spec.Selector ?? new LabelSelector());
        (selector.MatchLabels ??= new(StringComparer.Ordinal))[PodTemplateHash.Label] = hash;
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in deployment.Metadata?.Annotations ?? [])
        {
            if (!NotCopied.Contains(key))
            {
                annotations[key] = value;
            }
        }

        var replicaSet = new ReplicaSet
        {
            ApiVersion = ReplicaSet.GroupVersion,
            Kind = ReplicaSet.KindName,
            Metadata = new ObjectMeta
            {
                Name = $"{deployment.Metadata!.Name}-{hash}",
                Namespace = deployment.Metadata.Namespace,
                Labels = new(templateMeta.Labels, StringComparer.Ordinal),
                Annotations = annotations,
                OwnerReferences = [ControllerRefs.Reference(deployment, Deployment.GroupVersion, Deployment.KindName)],
            },
            Spec = new ReplicaSetSpec { Replicas = replicas, MinReadySeconds = spec.MinReadySeconds, Selector = selector, Template = template },
        };
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        SetReplicaAnnotations(replicaSet, spec.Replicas ?? 1, maxSurge);
        return replicaSet;
    }

    /// <summary>Records the Deployment's replicas and replicas + maxSurge on a ReplicaSet, as upstream does whenever it scales one.</summary>
    public static void SetReplicaAnnotations(ReplicaSet replicaSet, int desired, int maxSurge)
    {
        var annotations = (replicaSet.Metadata ??= new ObjectMeta()).Annotations ??= new(StringComparer.Ordinal);
        annotations[DesiredReplicasAnnotation] = desired.ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (desired + maxSurge).ToString(CultureInfo.InvariantCulture);
    }

    private static PodTemplateSpec WithoutHash(PodTemplateSpec? template)
    {
        var copy = Objects.Copy(template ?? new PodTemplateSpec());
        copy.Metadata?.Labels?.Remove(PodTemplateHash.Label);
        if (copy.Metadata?.Labels is { Count: 0 })
        {
            copy.Metadata.Labels = null;
        }

        return copy;
    }
}
