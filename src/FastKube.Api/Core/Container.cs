using FastKube.Api.Serialization;

namespace FastKube.Api.Core;

/// <summary>
/// One container of a pod (core/v1 Container). Resize policy and volume devices are not modelled.
/// </summary>
public sealed class Container
{
    [WireKey(1)]
    public string? Name { get; set; }

    [WireKey(2)]
    public string? Image { get; set; }

    [WireKey(3)]
    public List<string>? Command { get; set; }

    [WireKey(4)]
    public List<string>? Args { get; set; }

    [WireKey(5)]
    public string? WorkingDir { get; set; }

    [WireKey(6)]
    public List<ContainerPort>? Ports { get; set; }

    [WireKey(7)]
    public List<EnvFromSource>? EnvFrom { get; set; }

    [WireKey(8)]
    public List<EnvVar>? Env { get; set; }

    [WireKey(9)]
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Only "Always", which makes an init container a sidecar.</summary>
    [WireKey(10)]
    public string? RestartPolicy { get; set; }

    [WireKey(11)]
    public List<VolumeMount>? VolumeMounts { get; set; }

    [WireKey(12)]
    public Probe? LivenessProbe { get; set; }

    [WireKey(13)]
    public Probe? ReadinessProbe { get; set; }

    [WireKey(14)]
    public Probe? StartupProbe { get; set; }

    [WireKey(15)]
    public Lifecycle? Lifecycle { get; set; }

    [WireKey(16)]
    public string? TerminationMessagePath { get; set; }

    /// <summary>File or FallbackToLogsOnError.</summary>
    [WireKey(17)]
    public string? TerminationMessagePolicy { get; set; }

    /// <summary>Always, Never or IfNotPresent.</summary>
    [WireKey(18)]
    public string? ImagePullPolicy { get; set; }

    [WireKey(19)]
    public SecurityContext? SecurityContext { get; set; }

    [WireKey(20)]
    public bool? Stdin { get; set; }

    [WireKey(21)]
    public bool? StdinOnce { get; set; }

    [WireKey(22)]
    public bool? Tty { get; set; }
}
