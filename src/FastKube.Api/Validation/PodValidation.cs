using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Api.Validation;

/// <summary>
/// Pod and pod-template validation after upstream's pkg/apis/core/validation (ValidatePodSpec and
/// its helpers), run on defaulted objects: fields the defaults always fill (restartPolicy,
/// imagePullPolicy, protocols...) are Required when absent, as upstream reports them.
/// </summary>
internal static partial class PodValidation
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly FieldPath Spec = FieldPath.Root("spec");

    public static void ValidatePod(Pod pod, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(pod.Metadata, true, MetaValidation.DnsSubdomain, errs);
        ValidatePodSpec(pod.Spec ?? new PodSpec(), Spec, isTemplate: false, errs);
    }

    /// <summary>Upstream's ValidatePodTemplateSpec: template labels and annotations, then the spec.</summary>
    public static void ValidatePodTemplateSpec(PodTemplateSpec? template, FieldPath path, FieldErrorList errs)
    {
        if (template is null)
        {
            errs.Required(path);
            return;
        }

        MetaValidation.ValidateLabels(template.Metadata?.Labels, path.Child("labels"), errs);
        MetaValidation.ValidateAnnotations(template.Metadata?.Annotations, path.Child("annotations"), errs);
        ValidatePodSpec(template.Spec ?? new PodSpec(), path.Child("spec"), isTemplate: true, errs);
    }

    public static void ValidatePodSpec(PodSpec spec, FieldPath path, bool isTemplate, FieldErrorList errs)
    {
        var volumes = ValidateVolumes(spec.Volumes, path.Child("volumes"), errs);
        ValidateContainers(spec.Containers, volumes, path.Child("containers"), errs);
        ValidateInitContainers(spec.InitContainers, spec.Containers, volumes, path.Child("initContainers"), errs);
        ValidateHostNetworkPorts(spec, path, isTemplate, errs);
        SupportedRequired(spec.RestartPolicy, RestartPolicies, path.Child("restartPolicy"), errs);
        SupportedRequired(spec.DnsPolicy, DnsPolicies, path.Child("dnsPolicy"), errs);
        MetaValidation.ValidateLabels(spec.NodeSelector, path.Child("nodeSelector"), errs);
        ValidateAffinity(spec.Affinity, path.Child("affinity"), errs);
        ValidateTopologySpreadConstraints(spec.TopologySpreadConstraints, path.Child("topologySpreadConstraints"), errs);
        if (!string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            Checks.Dns1123Subdomain(spec.ServiceAccountName, path.Child("serviceAccountName"), errs);
        }

        if (!string.IsNullOrEmpty(spec.NodeName))
        {
            Checks.Dns1123Subdomain(spec.NodeName, path.Child("nodeName"), errs);
        }

        if (spec.ActiveDeadlineSeconds is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            errs.Invalid(path.Child("activeDeadlineSeconds"), deadline, NameRules.InclusiveRangeError(1, int.MaxValue));
        }

        Checks.NonNegative(spec.TerminationGracePeriodSeconds, path.Child("terminationGracePeriodSeconds"), errs);
        if (!string.IsNullOrEmpty(spec.Hostname))
        {
            Checks.Dns1123Label(spec.Hostname, path.Child("hostname"), errs);
        }

        if (!string.IsNullOrEmpty(spec.Subdomain))
        {
            Checks.Dns1123Label(spec.Subdomain, path.Child("subdomain"), errs);
        }

        ValidateTolerations(spec.Tolerations, path.Child("tolerations"), errs);
        ValidatePodHostSettings(spec, path, errs);
        if (spec.ImagePullSecrets is not null)
        {
            for (var i = 0; i < spec.ImagePullSecrets.Count; i++)
            {
                if (string.IsNullOrEmpty(spec.ImagePullSecrets[i].Name))
                {
                    errs.Required(path.Child("imagePullSecrets").Index(i).Child("name"));
                }
            }
        }

        if (!string.IsNullOrEmpty(spec.PriorityClassName))
        {
            Checks.Dns1123Subdomain(spec.PriorityClassName, path.Child("priorityClassName"), errs);
        }

        if (spec.PreemptionPolicy is { } preemption && preemption is not ("PreemptLowerPriority" or "Never"))
        {
            errs.NotSupported(path.Child("preemptionPolicy"), preemption, ["Never", "PreemptLowerPriority"]);
        }
    }

    /// <summary>The upstream enum pattern: empty is Required, anything unknown NotSupported.</summary>
    internal static void SupportedRequired(string? value, string[] supported, FieldPath path, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(value))
        {
            errs.Required(path);
        }
        else if (Array.IndexOf(supported, value) < 0)
        {
            errs.NotSupported(path, value, supported);
        }
    }

    // In the host's network namespace a container listens on the host port itself, so the two must
    // agree; templates may leave hostPort 0 because pods get it defaulted.
    private static void ValidateHostNetworkPorts(PodSpec spec, FieldPath path, bool isTemplate, FieldErrorList errs)
    {
        if (spec.HostNetwork != true || spec.Containers is null)
        {
            return;
        }

        for (var c = 0; c < spec.Containers.Count; c++)
        {
            var ports = spec.Containers[c].Ports;
            if (ports is null)
            {
                continue;
            }

            for (var p = 0; p < ports.Count; p++)
            {
                var hostPort = ports[p].HostPort ?? 0;
                if (hostPort != (ports[p].Port ?? 0) && !(isTemplate && hostPort == 0))
                {
                    errs.Invalid(path.Child("containers").Index(c).Child("ports").Index(p).Child("hostPort"), hostPort,
                        "must match `containerPort` when `hostNetwork` is true");
                }
            }
        }
    }

    /// <summary>metadata.labels matched by a workload selector, as upstream checks for every controller.</summary>
    public static void ValidateSelectorMatchesTemplate(LabelSelector? selector, PodTemplateSpec? template, FieldPath labelsPath, FieldErrorList errs)
    {
        if (selector is null || MetaValidation.IsEmpty(selector))
        {
            return;
        }

        var labels = template?.Metadata?.Labels;
        if (!MetaValidation.Matches(selector, labels))
        {
            errs.Invalid(labelsPath, GoValue.Map(labels), "`selector` does not match template `labels`");
        }
    }
}
