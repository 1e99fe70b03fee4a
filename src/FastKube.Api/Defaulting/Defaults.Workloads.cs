using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Discovery;

namespace FastKube.Api.Defaulting;

public static partial class Defaults
{
    public const int DefaultRevisionHistoryLimit = 10;
    public const int DefaultProgressDeadlineSeconds = 600;
    public const int DefaultJobBackoffLimit = 6;

    public static void ApplyDeployment(Deployment deployment)
    {
        var spec = deployment.Spec ??= new DeploymentSpec();
        spec.Replicas ??= 1;
        var strategy = spec.Strategy ??= new DeploymentStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy.Type = "RollingUpdate";
        }

        if (strategy.Type == "RollingUpdate")
        {
            var rolling = strategy.RollingUpdate ??= new RollingUpdateDeployment();
            rolling.MaxUnavailable ??= IntOrString.FromString("25%");
            rolling.MaxSurge ??= IntOrString.FromString("25%");
        }

        spec.RevisionHistoryLimit ??= DefaultRevisionHistoryLimit;
        spec.ProgressDeadlineSeconds ??= DefaultProgressDeadlineSeconds;
        ApplyPodTemplate(spec.Template);
    }

    public static void ApplyReplicaSet(ReplicaSet replicaSet)
    {
        var spec = replicaSet.Spec ??= new ReplicaSetSpec();
        spec.Replicas ??= 1;
        ApplyPodTemplate(spec.Template);
    }

    public static void ApplyDaemonSet(DaemonSet daemonSet)
    {
        var spec = daemonSet.Spec ??= new DaemonSetSpec();
        var strategy = spec.UpdateStrategy ??= new DaemonSetUpdateStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy.Type = "RollingUpdate";
        }

        if (strategy.Type == "RollingUpdate")
        {
            var rolling = strategy.RollingUpdate ??= new RollingUpdateDaemonSet();
            rolling.MaxUnavailable ??= IntOrString.FromInt32(1);
            rolling.MaxSurge ??= IntOrString.FromInt32(0);
        }

        spec.RevisionHistoryLimit ??= DefaultRevisionHistoryLimit;
        ApplyPodTemplate(spec.Template);
    }

    /// <summary>
    /// SetDefaults_StatefulSet with the MaxUnavailableStatefulSet gate off (its default), so
    /// rollingUpdate.maxUnavailable stays absent.
    /// </summary>
    public static void ApplyStatefulSet(StatefulSet statefulSet)
    {
        var spec = statefulSet.Spec ??= new StatefulSetSpec();
        if (string.IsNullOrEmpty(spec.PodManagementPolicy))
        {
            spec.PodManagementPolicy = "OrderedReady";
        }

        var strategy = spec.UpdateStrategy ??= new StatefulSetUpdateStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy.Type = "RollingUpdate";
            strategy.RollingUpdate ??= new RollingUpdateStatefulSetStrategy();
        }

        if (strategy is { Type: "RollingUpdate", RollingUpdate: { } rolling })
        {
            rolling.Partition ??= 0;
        }

        var retention = spec.PersistentVolumeClaimRetentionPolicy ??= new StatefulSetPersistentVolumeClaimRetentionPolicy();
        if (string.IsNullOrEmpty(retention.WhenDeleted))
        {
            retention.WhenDeleted = "Retain";
        }

        if (string.IsNullOrEmpty(retention.WhenScaled))
        {
            retention.WhenScaled = "Retain";
        }

        spec.Replicas ??= 1;
        spec.RevisionHistoryLimit ??= DefaultRevisionHistoryLimit;
        ApplyPodTemplate(spec.Template);
    }

    /// <summary>
    /// SetDefaults_Job: a job with neither completions nor parallelism is a single pod run
    /// (both 1); with only completions set, parallelism still defaults to 1 and completions stays
    /// as given; with only parallelism set, completions stays absent (a work queue). Per-index
    /// backoff makes the global backoffLimit effectively unlimited.
    /// </summary>
    public static void ApplyJob(Job job)
    {
        var spec = job.Spec ??= new JobSpec();
        if (spec.Completions is null && spec.Parallelism is null)
        {
            spec.Completions = 1;
            spec.Parallelism = 1;
        }

        spec.Parallelism ??= 1;
        spec.BackoffLimit ??= spec.BackoffLimitPerIndex is null ? DefaultJobBackoffLimit : int.MaxValue;
        if (spec.Template?.Metadata?.Labels is { } templateLabels && job.Metadata is { } meta && (meta.Labels is null || meta.Labels.Count == 0))
        {
            meta.Labels = new Dictionary<string, string>(templateLabels, StringComparer.Ordinal);
        }

        if (string.IsNullOrEmpty(spec.CompletionMode))
        {
            spec.CompletionMode = "NonIndexed";
        }

        spec.Suspend ??= false;
        if (string.IsNullOrEmpty(spec.PodReplacementPolicy))
        {
            spec.PodReplacementPolicy = "TerminatingOrFailed";
        }

        ApplyPodTemplate(spec.Template);
    }

    public static void ApplyEndpointSlice(EndpointSlice slice)
    {
        if (slice.Ports is null)
        {
            return;
        }

        foreach (var port in slice.Ports)
        {
            port.Name ??= "";
            port.Protocol ??= "TCP";
        }
    }
}
