using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Controllers.Common;

internal static class PodTemplates
{
    /// <summary>
    /// A new pod stamped from a controller's template: the template's labels and annotations, generateName
    /// from the owner's name, a controller reference to the owner, and a spec the template does not share.
    /// </summary>
    public static Pod NewPod(KubeObject owner, string apiVersion, string kind, PodTemplateSpec template, List<string>? finalizers = null) => new()
    {
        ApiVersion = "v1",
        Kind = Pod.KindName,
        Metadata = new ObjectMeta
        {
            GenerateName = owner.Metadata!.Name + "-",
            Namespace = owner.Metadata.Namespace,
            Labels = template.Metadata?.Labels is { } labels ? new(labels, StringComparer.Ordinal) : null,
            Annotations = template.Metadata?.Annotations is { } annotations ? new(annotations, StringComparer.Ordinal) : null,
            Finalizers = finalizers ?? (template.Metadata?.Finalizers is { } own ? [.. own] : null),
            OwnerReferences = [ControllerRefs.Reference(owner, apiVersion, kind)],
        },
        Spec = Objects.Copy(template.Spec ?? new PodSpec()),
    };
}
