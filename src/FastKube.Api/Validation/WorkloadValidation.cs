using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Api.Validation;

/// <summary>
/// apps/v1 and batch/v1 validation after upstream's pkg/apis/apps/validation and
/// pkg/apis/batch/validation: selectors, the template they must match, replica counts and
/// rollout strategies.
/// </summary>
internal static class WorkloadValidation
{
    private const int MaxParallelismForIndexedJob = 100000;
    private static readonly FieldPath Spec = FieldPath.Root("spec");
    private static readonly string[] AlwaysOnly = ["Always"];
    private static readonly string[] JobRestartPolicies = ["OnFailure", "Never"];
    private static readonly string[] DeploymentStrategies = ["Recreate", "RollingUpdate"];
    private static readonly string[] DaemonSetStrategies = ["RollingUpdate", "OnDelete"];
    private static readonly string[] RetentionPolicies = ["Retain", "Delete"];
    private static readonly string[] CompletionModes = ["NonIndexed", "Indexed"];
    private static readonly string[] PodReplacementPolicies = ["TerminatingOrFailed", "Failed"];

    public static void ValidateDeployment(Deployment d, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(d.Metadata, true, MetaValidation.DnsSubdomain, errs);
        var spec = d.Spec ?? new DeploymentSpec();
        Checks.NonNegative(spec.Replicas, Spec.Child("replicas"), errs);
        RequiredSelector(spec.Selector, "deployment", errs);
        ValidateReplicatedTemplate(spec.Selector, spec.Template, "ReplicaSet", errs);
        ValidateDeploymentStrategy(spec.Strategy, Spec.Child("strategy"), errs);
        Checks.NonNegative(spec.MinReadySeconds, Spec.Child("minReadySeconds"), errs);
        Checks.NonNegative(spec.RevisionHistoryLimit, Spec.Child("revisionHistoryLimit"), errs);
        if (spec.ProgressDeadlineSeconds is { } deadline)
        {
            Checks.NonNegative(deadline, Spec.Child("progressDeadlineSeconds"), errs);
            if (deadline <= (spec.MinReadySeconds ?? 0))
            {
                errs.Invalid(Spec.Child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds");
            }
        }
    }

    public static void ValidateReplicaSet(ReplicaSet rs, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(rs.Metadata, true, MetaValidation.DnsSubdomain, errs);
        var spec = rs.Spec ?? new ReplicaSetSpec();
        Checks.NonNegative(spec.Replicas, Spec.Child("replicas"), errs);
        Checks.NonNegative(spec.MinReadySeconds, Spec.Child("minReadySeconds"), errs);

        // Upstream's ReplicaSet validation reuses the deployment wording.
        RequiredSelector(spec.Selector, "deployment", errs);
        ValidateReplicatedTemplate(spec.Selector, spec.Template, "ReplicaSet", errs);
    }

    public static void ValidateDaemonSet(DaemonSet ds, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(ds.Metadata, true, MetaValidation.DnsSubdomain, errs);
        var spec = ds.Spec ?? new DaemonSetSpec();
        RequiredSelector(spec.Selector, "daemonset", errs);
        var template = spec.Template;
        var labelsPath = Spec.Child("template").Child("metadata").Child("labels");
        if (spec.Selector is not null)
        {
            PodValidation.ValidateSelectorMatchesTemplate(spec.Selector, template, labelsPath, errs);
        }
        else
        {
            // Upstream turns an absent DaemonSet selector into "matches nothing", so it reports
            // the template mismatch as well.
            errs.Invalid(labelsPath, GoValue.Map(template?.Metadata?.Labels), "`selector` does not match template `labels`");
        }

        PodValidation.ValidatePodTemplateSpec(template, Spec.Child("template"), errs);
        if (template is not null)
        {
            var restart = template.Spec?.RestartPolicy ?? "";
            if (restart != "Always")
            {
                errs.NotSupported(Spec.Child("template").Child("spec").Child("restartPolicy"), restart, AlwaysOnly);
            }

            if (template.Spec?.ActiveDeadlineSeconds is not null)
            {
                errs.Forbidden(Spec.Child("template").Child("spec").Child("activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not Supported");
            }
        }

        Checks.NonNegative(spec.MinReadySeconds, Spec.Child("minReadySeconds"), errs);
        ValidateDaemonSetStrategy(spec.UpdateStrategy, Spec.Child("updateStrategy"), errs);
        Checks.NonNegative(spec.RevisionHistoryLimit, Spec.Child("revisionHistoryLimit"), errs);
    }

    public static void ValidateStatefulSet(StatefulSet sts, FieldErrorList errs)
    {
        // Recent upstream requires a DNS label: pod names (name-N) become hostnames.
        MetaValidation.ValidateObjectMeta(sts.Metadata, true, MetaValidation.DnsLabel, errs);
        var spec = sts.Spec ?? new StatefulSetSpec();
        switch (spec.PodManagementPolicy)
        {
            case null or "":
                errs.Required(Spec.Child("podManagementPolicy"));
                break;
            case "OrderedReady" or "Parallel":
                break;
            default:
                errs.Invalid(Spec.Child("podManagementPolicy"), spec.PodManagementPolicy, "must be 'OrderedReady' or 'Parallel'");
                break;
        }

        var strategy = spec.UpdateStrategy;
        var strategyPath = Spec.Child("updateStrategy");
        switch (strategy?.Type)
        {
            case null or "":
                errs.Required(strategyPath);
                break;
            case "OnDelete":
                if (strategy.RollingUpdate is not null)
                {
                    errs.Invalid(strategyPath.Child("rollingUpdate"), new GoValue("&apps.RollingUpdateStatefulSetStrategy{...}"), "only allowed for updateStrategy 'RollingUpdate'");
                }

                break;
            case "RollingUpdate":
                if (strategy.RollingUpdate is { } rolling)
                {
                    var rp = strategyPath.Child("rollingUpdate");
                    Checks.NonNegative(rolling.Partition, rp.Child("partition"), errs);
                    if (rolling.MaxUnavailable is { } maxUnavailable)
                    {
                        Checks.PositiveIntOrPercent(maxUnavailable, rp.Child("maxUnavailable"), errs);
                        if (Checks.IntOrPercentValue(maxUnavailable) == 0)
                        {
                            errs.Invalid(rp.Child("maxUnavailable"), maxUnavailable.ToString(), "cannot be 0");
                        }

                        Checks.NotMoreThan100Percent(maxUnavailable, rp.Child("maxUnavailable"), errs);
                    }
                }

                break;
            default:
                errs.Invalid(strategyPath, strategy.Type, "must be 'RollingUpdate' or 'OnDelete'");
                break;
        }

        if (spec.PersistentVolumeClaimRetentionPolicy is { } retention)
        {
            var rp = Spec.Child("persistentVolumeClaimRetentionPolicy");
            PodValidation.SupportedRequired(retention.WhenDeleted, RetentionPolicies, rp.Child("whenDeleted"), errs);
            PodValidation.SupportedRequired(retention.WhenScaled, RetentionPolicies, rp.Child("whenScaled"), errs);
        }

        Checks.NonNegative(spec.Replicas, Spec.Child("replicas"), errs);
        if (spec.Ordinals is { } ordinals)
        {
            Checks.NonNegative(ordinals.Start, Spec.Child("ordinals.start"), errs);
        }

        Checks.NonNegative(spec.MinReadySeconds, Spec.Child("minReadySeconds"), errs);
        RequiredSelector(spec.Selector, "statefulset", errs);
        var templatePath = Spec.Child("template");
        if (spec.Selector is not null)
        {
            PodValidation.ValidateSelectorMatchesTemplate(spec.Selector, spec.Template, templatePath.Child("metadata").Child("labels"), errs);
        }

        PodValidation.ValidatePodTemplateSpec(spec.Template, templatePath, errs);
        var restart = spec.Template?.Spec?.RestartPolicy ?? "";
        if (restart != "Always")
        {
            errs.NotSupported(templatePath.Child("spec").Child("restartPolicy"), restart, AlwaysOnly);
        }

        if (spec.Template?.Spec?.ActiveDeadlineSeconds is not null)
        {
            errs.Forbidden(templatePath.Child("spec").Child("activeDeadlineSeconds"), "activeDeadlineSeconds in StatefulSet is not Supported");
        }

        Checks.NonNegative(spec.RevisionHistoryLimit, Spec.Child("revisionHistoryLimit"), errs);
    }

    public static void ValidateJob(Job job, FieldErrorList errs)
    {
        MetaValidation.ValidateObjectMeta(job.Metadata, true, MetaValidation.DnsSubdomain, errs);
        var spec = job.Spec ?? new JobSpec();
        if (spec.Selector is null)
        {
            errs.Required(Spec.Child("selector"));
        }
        else
        {
            MetaValidation.ValidateLabelSelector(spec.Selector, Spec.Child("selector"), errs);
            if (!MetaValidation.Matches(spec.Selector, spec.Template?.Metadata?.Labels))
            {
                errs.Invalid(Spec.Child("template").Child("metadata").Child("labels"), GoValue.Map(spec.Template?.Metadata?.Labels), "`selector` does not match template `labels`");
            }
        }

        Checks.NonNegative(spec.Parallelism, Spec.Child("parallelism"), errs);
        Checks.NonNegative(spec.Completions, Spec.Child("completions"), errs);
        Checks.NonNegative(spec.ActiveDeadlineSeconds, Spec.Child("activeDeadlineSeconds"), errs);
        Checks.NonNegative(spec.BackoffLimit, Spec.Child("backoffLimit"), errs);
        Checks.NonNegative(spec.TtlSecondsAfterFinished, Spec.Child("ttlSecondsAfterFinished"), errs);
        if (spec.CompletionMode is { } mode)
        {
            if (Array.IndexOf(CompletionModes, mode) < 0)
            {
                errs.NotSupported(Spec.Child("completionMode"), mode, CompletionModes);
            }

            if (mode == "Indexed")
            {
                if (spec.Completions is null)
                {
                    errs.Required(Spec.Child("completions"), "when completion mode is Indexed");
                }

                if (spec.Parallelism is > MaxParallelismForIndexedJob)
                {
                    errs.Invalid(Spec.Child("parallelism"), spec.Parallelism.Value, "must be less than or equal to 100000 when completion mode is Indexed");
                }
            }
        }

        if (spec.PodReplacementPolicy is { } replacement && Array.IndexOf(PodReplacementPolicies, replacement) < 0)
        {
            errs.NotSupported(Spec.Child("podReplacementPolicy"), replacement, PodReplacementPolicies);
        }

        PodValidation.ValidatePodTemplateSpec(spec.Template, Spec.Child("template"), errs);
        var restart = spec.Template?.Spec?.RestartPolicy ?? "";
        if (Array.IndexOf(JobRestartPolicies, restart) < 0)
        {
            errs.NotSupported(Spec.Child("template").Child("spec").Child("restartPolicy"), restart, JobRestartPolicies);
        }
    }

    private static void RequiredSelector(LabelSelector? selector, string kindWord, FieldErrorList errs)
    {
        var path = Spec.Child("selector");
        if (selector is null)
        {
            errs.Required(path);
            return;
        }

        MetaValidation.ValidateLabelSelector(selector, path, errs);
        if (MetaValidation.IsEmpty(selector))
        {
            errs.Invalid(path, new GoValue(Checks.FormatSelector(selector)), "empty selector is invalid for " + kindWord);
        }
    }

    /// <summary>Upstream's ValidatePodTemplateSpecForReplicaSet, shared by Deployments and ReplicaSets.</summary>
    private static void ValidateReplicatedTemplate(LabelSelector? selector, PodTemplateSpec? template, string owner, FieldErrorList errs)
    {
        var path = Spec.Child("template");
        if (template is null)
        {
            errs.Required(path);
            return;
        }

        PodValidation.ValidateSelectorMatchesTemplate(selector, template, path.Child("metadata").Child("labels"), errs);
        PodValidation.ValidatePodTemplateSpec(template, path, errs);
        var restart = template.Spec?.RestartPolicy ?? "";
        if (restart != "Always")
        {
            errs.NotSupported(path.Child("spec").Child("restartPolicy"), restart, AlwaysOnly);
        }

        if (template.Spec?.ActiveDeadlineSeconds is not null)
        {
            errs.Forbidden(path.Child("spec").Child("activeDeadlineSeconds"), "activeDeadlineSeconds in " + owner + " is not Supported");
        }
    }

    private static void ValidateDeploymentStrategy(DeploymentStrategy? strategy, FieldPath path, FieldErrorList errs)
    {
        switch (strategy?.Type)
        {
            case "Recreate":
                if (strategy.RollingUpdate is not null)
                {
                    errs.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
                }

                break;
            case "RollingUpdate":
                if (strategy.RollingUpdate is not { } rolling)
                {
                    errs.Required(path.Child("rollingUpdate"), "this should be defaulted and never be nil");
                    break;
                }

                var rp = path.Child("rollingUpdate");
                Checks.PositiveIntOrPercent(rolling.MaxUnavailable, rp.Child("maxUnavailable"), errs);
                Checks.PositiveIntOrPercent(rolling.MaxSurge, rp.Child("maxSurge"), errs);
                if (Checks.IntOrPercentValue(rolling.MaxUnavailable) == 0 && Checks.IntOrPercentValue(rolling.MaxSurge) == 0)
                {
                    errs.Invalid(rp.Child("maxUnavailable"), rolling.MaxUnavailable?.ToString(), "may not be 0 when `maxSurge` is 0");
                }

                Checks.NotMoreThan100Percent(rolling.MaxUnavailable, rp.Child("maxUnavailable"), errs);
                break;
            default:
                errs.NotSupported(path, strategy?.Type ?? "", DeploymentStrategies);
                break;
        }
    }

    private static void ValidateDaemonSetStrategy(DaemonSetUpdateStrategy? strategy, FieldPath path, FieldErrorList errs)
    {
        switch (strategy?.Type)
        {
            case "OnDelete":
                break;
            case "RollingUpdate":
                if (strategy.RollingUpdate is not { } rolling)
                {
                    errs.Required(path.Child("rollingUpdate"));
                    break;
                }

                var rp = path.Child("rollingUpdate");
                Checks.PositiveIntOrPercent(rolling.MaxUnavailable, rp.Child("maxUnavailable"), errs);
                Checks.PositiveIntOrPercent(rolling.MaxSurge, rp.Child("maxSurge"), errs);
                Checks.NotMoreThan100Percent(rolling.MaxUnavailable, rp.Child("maxUnavailable"), errs);
                Checks.NotMoreThan100Percent(rolling.MaxSurge, rp.Child("maxSurge"), errs);
                var hasUnavailable = Checks.IntOrPercentValue(rolling.MaxUnavailable) != 0;
                var hasSurge = Checks.IntOrPercentValue(rolling.MaxSurge) != 0;
                if (hasUnavailable && hasSurge)
                {
                    errs.Invalid(rp.Child("maxSurge"), rolling.MaxSurge?.ToString(), "may not be set when maxUnavailable is non-zero");
                }
                else if (!hasUnavailable && !hasSurge)
                {
                    errs.Required(rp.Child("maxUnavailable"), "cannot be 0 when maxSurge is 0");
                }

                break;
            default:
                errs.NotSupported(path, strategy?.Type ?? "", DaemonSetStrategies);
                break;
        }
    }

    /// <summary>apps/v1 selectors are immutable after create.</summary>
    public static void ValidateSelectorUpdate(LabelSelector? next, LabelSelector? old, FieldErrorList errs)
    {
        var nextText = Checks.FormatSelector(next);
        if (nextText != Checks.FormatSelector(old))
        {
            errs.Invalid(Spec.Child("selector"), new GoValue(nextText), NameRules.FieldImmutableErrorMsg);
        }
    }

    /// <summary>
    /// ValidateStatefulSetUpdate: besides the fields rollouts change, the spec is fixed.
    /// Compared here: selector, serviceName, podManagementPolicy and the claim templates' names.
    /// </summary>
    public static void ValidateStatefulSetUpdate(StatefulSet next, StatefulSet old, FieldErrorList errs)
    {
        var n = next.Spec ?? new StatefulSetSpec();
        var o = old.Spec ?? new StatefulSetSpec();
        var claims = static (StatefulSetSpec s) => string.Join(",", (s.VolumeClaimTemplates ?? []).Select(c => c.Metadata?.Name));
        if (Checks.FormatSelector(n.Selector) != Checks.FormatSelector(o.Selector)
            || n.ServiceName != o.ServiceName
            || n.PodManagementPolicy != o.PodManagementPolicy
            || claims(n) != claims(o))
        {
            errs.Forbidden(Spec, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        }
    }
}
