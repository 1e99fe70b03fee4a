using System.Globalization;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.StatefulSets;

/// <summary>
/// The stable identity of a StatefulSet's pods, as upstream's: pod <c>name-N</c> for ordinal N (from
/// spec.ordinals.start), hostname the pod's name and subdomain the governing Service, labelled with its
/// name, its index and the name of the ControllerRevision it was made from.
/// </summary>
internal static class StatefulPods
{
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";

    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    /// <summary>The ordinal in the pod's name, or null when the name is not <c>set-N</c>.</summary>
    public static int? Ordinal(StatefulSet set, Pod pod)
    {
        var prefix = set.Metadata!.Name + "-";
        var name = pod.Metadata?.Name ?? "";
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            && ordinal.ToString(CultureInfo.InvariantCulture) == name[prefix.Length..] ? ordinal : null;
    }

    public static string? Revision(Pod pod) => pod.Metadata?.Labels?.GetValueOrDefault(Revisions.HashLabel);

    public static Pod New(StatefulSet set, PodTemplateSpec template, int ordinal, string revision)
    {
        var pod = PodTemplates.NewPod(set, StatefulSet.GroupVersion, StatefulSet.KindName, template);
        var text = ordinal.ToString(CultureInfo.InvariantCulture);
        var meta = pod.Metadata!;
        meta.GenerateName = null;
        meta.Name = $"{set.Metadata!.Name}-{text}";
        var labels = meta.Labels ??= new(StringComparer.Ordinal);
        labels[PodNameLabel] = meta.Name;
        labels[PodIndexLabel] = text;
        labels[Revisions.HashLabel] = revision;
        pod.Spec!.Hostname = meta.Name;
        pod.Spec.Subdomain = set.Spec?.ServiceName is { Length: > 0 } service ? service : null;
        return pod;
    }
}
