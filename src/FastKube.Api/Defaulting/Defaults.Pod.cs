using FastKube.Api.Core;
using FastKube.Api.Resource;

namespace FastKube.Api.Defaulting;

public static partial class Defaults
{
    public const string DefaultSchedulerName = "default-scheduler";
    public const long DefaultTerminationGracePeriodSeconds = 30;
    public const string TerminationMessagePathDefault = "/dev/termination-log";

    /// <summary>Upstream's 0644 default for secret, configMap, downwardAPI and projected files.</summary>
    public const int DefaultVolumeFileMode = 0x1A4;

    /// <summary>
    /// SetDefaults_Pod plus everything inside its spec. Copying limits into missing requests and
    /// enableServiceLinks are Pod-only upstream (templates keep them absent).
    /// </summary>
    public static void ApplyPod(Pod pod)
    {
        var spec = pod.Spec ??= new PodSpec();
        ApplyPodSpec(spec);
        DefaultRequestsFromLimits(spec.Containers);
        DefaultRequestsFromLimits(spec.InitContainers);
        spec.EnableServiceLinks ??= true;
        if (spec.HostNetwork == true)
        {
            DefaultHostNetworkPorts(spec.Containers);
            DefaultHostNetworkPorts(spec.InitContainers);
        }
    }

    /// <summary>The defaults of a pod template (SetDefaults_PodSpec and the nested types).</summary>
    public static void ApplyPodTemplate(PodTemplateSpec? template)
    {
        if (template is not null)
        {
            ApplyPodSpec(template.Spec ??= new PodSpec());
        }
    }

    public static void ApplyPodSpec(PodSpec spec)
    {
        if (string.IsNullOrEmpty(spec.DnsPolicy))
        {
            spec.DnsPolicy = "ClusterFirst";
        }

        if (string.IsNullOrEmpty(spec.RestartPolicy))
        {
            spec.RestartPolicy = "Always";
        }

        spec.SecurityContext ??= new PodSecurityContext();
        spec.TerminationGracePeriodSeconds ??= DefaultTerminationGracePeriodSeconds;
        if (string.IsNullOrEmpty(spec.SchedulerName))
        {
            spec.SchedulerName = DefaultSchedulerName;
        }

        ApplyContainers(spec.InitContainers);
        ApplyContainers(spec.Containers);
        if (spec.Volumes is not null)
        {
            foreach (var volume in spec.Volumes)
            {
                ApplyVolume(volume);
            }
        }
    }

    private static void ApplyContainers(List<Container>? containers)
    {
        if (containers is null)
        {
            return;
        }

        foreach (var container in containers)
        {
            ApplyContainer(container);
        }
    }

    public static void ApplyContainer(Container container)
    {
        if (string.IsNullOrEmpty(container.ImagePullPolicy))
        {
            container.ImagePullPolicy = ImageReference.Tag(container.Image ?? "") == "latest" ? "Always" : "IfNotPresent";
        }

        if (string.IsNullOrEmpty(container.TerminationMessagePath))
        {
            container.TerminationMessagePath = TerminationMessagePathDefault;
        }

        if (string.IsNullOrEmpty(container.TerminationMessagePolicy))
        {
            container.TerminationMessagePolicy = "File";
        }

        if (container.Ports is not null)
        {
            foreach (var port in container.Ports)
            {
                if (string.IsNullOrEmpty(port.Protocol))
                {
                    port.Protocol = "TCP";
                }
            }
        }

        if (container.Env is not null)
        {
            foreach (var env in container.Env)
            {
                if (env.ValueFrom?.FieldRef is { } fieldRef && string.IsNullOrEmpty(fieldRef.ApiVersion))
                {
                    fieldRef.ApiVersion = "v1";
                }
            }
        }

        ApplyProbe(container.LivenessProbe);
        ApplyProbe(container.ReadinessProbe);
        ApplyProbe(container.StartupProbe);
        ApplyHttpGet(container.Lifecycle?.PostStart?.HttpGet);
        ApplyHttpGet(container.Lifecycle?.PreStop?.HttpGet);
    }

    // The probe counters are plain int32 upstream, so an explicit 0 is "unset" there as well.
    public static void ApplyProbe(Probe? probe)
    {
        if (probe is null)
        {
            return;
        }

        if (probe.TimeoutSeconds is null or 0)
        {
            probe.TimeoutSeconds = 1;
        }

        if (probe.PeriodSeconds is null or 0)
        {
            probe.PeriodSeconds = 10;
        }

        if (probe.SuccessThreshold is null or 0)
        {
            probe.SuccessThreshold = 1;
        }

        if (probe.FailureThreshold is null or 0)
        {
            probe.FailureThreshold = 3;
        }

        ApplyHttpGet(probe.HttpGet);
    }

    private static void ApplyHttpGet(HTTPGetAction? action)
    {
        if (action is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(action.Path))
        {
            action.Path = "/";
        }

        if (string.IsNullOrEmpty(action.Scheme))
        {
            action.Scheme = "HTTP";
        }
    }

    public static void ApplyVolume(Volume volume)
    {
        if (volume.HostPath is null && volume.EmptyDir is null && volume.Secret is null && volume.Nfs is null
            && volume.PersistentVolumeClaim is null && volume.DownwardAPI is null && volume.ConfigMap is null
            && volume.Projected is null && volume.Csi is null)
        {
            volume.EmptyDir = new EmptyDirVolumeSource();
        }

        if (volume.Secret is { } secret)
        {
            secret.DefaultMode ??= DefaultVolumeFileMode;
        }

        if (volume.ConfigMap is { } configMap)
        {
            configMap.DefaultMode ??= DefaultVolumeFileMode;
        }

        if (volume.DownwardAPI is { } downward)
        {
            downward.DefaultMode ??= DefaultVolumeFileMode;
            DefaultFieldRefs(downward.Items);
        }

        if (volume.Projected is { } projected)
        {
            projected.DefaultMode ??= DefaultVolumeFileMode;
            if (projected.Sources is not null)
            {
                foreach (var source in projected.Sources)
                {
                    DefaultFieldRefs(source.DownwardAPI?.Items);
                    if (source.ServiceAccountToken is { } token)
                    {
                        token.ExpirationSeconds ??= 3600;
                    }
                }
            }
        }

        if (volume.HostPath is { } hostPath)
        {
            hostPath.Type ??= "";
        }
    }

    private static void DefaultFieldRefs(List<DownwardAPIVolumeFile>? items)
    {
        if (items is null)
        {
            return;
        }

        foreach (var item in items)
        {
            if (item.FieldRef is { } fieldRef && string.IsNullOrEmpty(fieldRef.ApiVersion))
            {
                fieldRef.ApiVersion = "v1";
            }
        }
    }

    private static void DefaultRequestsFromLimits(List<Container>? containers)
    {
        if (containers is null)
        {
            return;
        }

        foreach (var container in containers)
        {
            if (container.Resources?.Limits is not { } limits)
            {
                continue;
            }

            var requests = container.Resources.Requests ??= new Dictionary<string, Quantity>(limits.Count, StringComparer.Ordinal);
            foreach (var (name, limit) in limits)
            {
                requests.TryAdd(name, limit);
            }
        }
    }

    // With the host's network namespace a container port is the host port, so upstream fills it in.
    private static void DefaultHostNetworkPorts(List<Container>? containers)
    {
        if (containers is null)
        {
            return;
        }

        foreach (var container in containers)
        {
            if (container.Ports is null)
            {
                continue;
            }

            foreach (var port in container.Ports)
            {
                if (port.HostPort is null or 0)
                {
                    port.HostPort = port.Port;
                }
            }
        }
    }
}
