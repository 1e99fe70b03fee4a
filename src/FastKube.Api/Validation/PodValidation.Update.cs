using FastKube.Api.Core;
using FastKube.Api.Serialization;

namespace FastKube.Api.Validation;

internal static partial class PodValidation
{
    private const string PodUpdateForbidden =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    /// <summary>
    /// Upstream's ValidatePodUpdate for the spec: only images, a shrinking activeDeadlineSeconds
    /// and added tolerations may change. The comparison runs on the JSON form with the mutable
    /// fields copied from the old spec, which is what upstream's munge-then-DeepEqual amounts to.
    /// </summary>
    public static void ValidatePodUpdate(Pod next, Pod old, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMetaUpdate(next.Metadata, old.Metadata, errs);
        var nextSpec = next.Spec ?? new PodSpec();
        var oldSpec = old.Spec ?? new PodSpec();
        ValidatePodSpec(nextSpec, Spec, isTemplate: false, errs);
        ValidateOnlyAddedTolerations(nextSpec.Tolerations, oldSpec.Tolerations, Spec.Child("tolerations"), errs);

        var deadlinePath = Spec.Child("activeDeadlineSeconds");
        if (nextSpec.ActiveDeadlineSeconds is { } deadline)
        {
            if (oldSpec.ActiveDeadlineSeconds is { } oldDeadline && oldDeadline < deadline)
            {
                errs.Invalid(deadlinePath, deadline, "must be less than or equal to previous value");
                return;
            }
        }
        else if (oldSpec.ActiveDeadlineSeconds is not null)
        {
            errs.Invalid(deadlinePath, null, "must not update from a positive integer to nil value");
        }

        var munged = KubeJson.Deserialize<PodSpec>(KubeJson.Serialize(nextSpec))!;
        CopyImages(munged.Containers, oldSpec.Containers);
        CopyImages(munged.InitContainers, oldSpec.InitContainers);
        munged.ActiveDeadlineSeconds = oldSpec.ActiveDeadlineSeconds;
        munged.Tolerations = oldSpec.Tolerations;
        if (oldSpec.TerminationGracePeriodSeconds is < 0 && munged.TerminationGracePeriodSeconds == 1)
        {
            munged.TerminationGracePeriodSeconds = oldSpec.TerminationGracePeriodSeconds;
        }

        if (!KubeJson.Serialize(munged).AsSpan().SequenceEqual(KubeJson.Serialize(oldSpec)))
        {
            errs.Forbidden(Spec, PodUpdateForbidden);
        }
    }

    private static void CopyImages(List<Container>? target, List<Container>? source)
    {
        if (target is null || source is null || target.Count != source.Count)
        {
            return;
        }

        for (var i = 0; i < target.Count; i++)
        {
            target[i].Image = source[i].Image;
        }
    }

    private static void ValidateOnlyAddedTolerations(List<Toleration>? next, List<Toleration>? old, FieldPath path, FieldErrorList errs)
    {
        if (old is not null)
        {
            foreach (var o in old)
            {
                var found = next is not null && next.Exists(n =>
                    n.Key == o.Key && n.Operator == o.Operator && n.Value == o.Value && n.Effect == o.Effect);
                if (!found)
                {
                    errs.Forbidden(path, "existing toleration can not be modified except its tolerationSeconds");
                    return;
                }
            }
        }
    }
}
