using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Resource;

namespace FastKube.Bench;

/// <summary>
/// Realistic API objects for codec benchmarks and interop tests (tests/FastKube.Api.Tests links this file).
/// The Pod is what a Deployment's pod looks like once scheduled and running: two containers with probes, env
/// incl. valueFrom, volumes and mounts, resources, an owner reference and a full status. Timestamps are whole
/// seconds, as metav1.Time is.
/// </summary>
internal static class SampleObjects
{
    private static readonly DateTimeOffset Created = new(2024, 11, 5, 9, 14, 27, TimeSpan.Zero);

    public static Pod Pod() => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta
        {
            Name = "web-7d4b9c8f6d-x2x9k",
            GenerateName = "web-7d4b9c8f6d-",
            Namespace = "shop",
            Uid = "5f0c9f4e-8a51-4f0e-9d3b-2b1c6e7a9d10",
            ResourceVersion = "184467",
            CreationTimestamp = Created,
            Labels = new()
            {
                ["app.kubernetes.io/name"] = "web",
                ["app.kubernetes.io/part-of"] = "shop",
                ["pod-template-hash"] = "7d4b9c8f6d",
                ["tier"] = "frontend",
            },
            Annotations = new()
            {
                ["kubectl.kubernetes.io/restartedAt"] = "2024-11-05T09:14:00Z",
                ["prometheus.io/scrape"] = "true",
                ["prometheus.io/port"] = "9113",
            },
            OwnerReferences =
            [
                new OwnerReference
                {
                    ApiVersion = "apps/v1",
                    Kind = "ReplicaSet",
                    Name = "web-7d4b9c8f6d",
                    Uid = "0d3c1f7a-2b4e-4c55-8f61-7a9e0b1c2d3e",
                    Controller = true,
                    BlockOwnerDeletion = true,
                },
            ],
        },
        Spec = new PodSpec
        {
            Volumes =
            [
                new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "web-config", Items = [new KeyToPath { Key = "nginx.conf", Path = "nginx.conf" }], DefaultMode = 420 } },
                new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource { SizeLimit = Quantity.Parse("512Mi") } },
                new Volume { Name = "tls", Secret = new SecretVolumeSource { SecretName = "web-tls", DefaultMode = 256 } },
            ],
            Containers =
            [
                new Container
                {
                    Name = "web",
                    Image = "registry.example.com/shop/web:1.27.2",
                    Args = ["--config", "/etc/nginx/nginx.conf"],
                    Ports =
                    [
                        new ContainerPort { Name = "http", Port = 8080, Protocol = "TCP" },
                        new ContainerPort { Name = "metrics", Port = 9113, Protocol = "TCP" },
                    ],
                    Env =
                    [
                        new EnvVar { Name = "LOG_LEVEL", Value = "info" },
                        new EnvVar { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.name" } } },
                        new EnvVar { Name = "POD_IP", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "status.podIP" } } },
                        new EnvVar { Name = "DB_PASSWORD", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "web-db", Key = "password" } } },
                    ],
                    Resources = new ResourceRequirements
                    {
                        Requests = new() { ["cpu"] = Quantity.Parse("250m"), ["memory"] = Quantity.Parse("256Mi") },
                        Limits = new() { ["cpu"] = Quantity.Parse("1"), ["memory"] = Quantity.Parse("512Mi") },
                    },
                    VolumeMounts =
                    [
                        new VolumeMount { Name = "config", MountPath = "/etc/nginx", ReadOnly = true },
                        new VolumeMount { Name = "cache", MountPath = "/var/cache/nginx" },
                        new VolumeMount { Name = "tls", MountPath = "/etc/tls", ReadOnly = true },
                    ],
                    LivenessProbe = new Probe { HttpGet = new HTTPGetAction { Path = "/healthz", Port = new IntOrString("http"), Scheme = "HTTP" }, InitialDelaySeconds = 10, TimeoutSeconds = 1, PeriodSeconds = 10, SuccessThreshold = 1, FailureThreshold = 3 },
                    ReadinessProbe = new Probe { HttpGet = new HTTPGetAction { Path = "/ready", Port = new IntOrString(8080), Scheme = "HTTP" }, TimeoutSeconds = 1, PeriodSeconds = 5, SuccessThreshold = 1, FailureThreshold = 3 },
                    StartupProbe = new Probe { TcpSocket = new TCPSocketAction { Port = new IntOrString(8080) }, TimeoutSeconds = 1, PeriodSeconds = 2, SuccessThreshold = 1, FailureThreshold = 30 },
                    TerminationMessagePath = "/dev/termination-log",
                    TerminationMessagePolicy = "File",
                    ImagePullPolicy = "IfNotPresent",
                },
                new Container
                {
                    Name = "log-shipper",
                    Image = "registry.example.com/infra/fluent-bit:3.1.9",
                    Command = ["/fluent-bit/bin/fluent-bit"],
                    Args = ["-c", "/fluent-bit/etc/fluent-bit.conf"],
                    Env =
                    [
                        new EnvVar { Name = "NODE_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "spec.nodeName" } } },
                        new EnvVar { Name = "OUTPUT_HOST", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "logging", Key = "host" } } },
                    ],
                    Resources = new ResourceRequirements
                    {
                        Requests = new() { ["cpu"] = Quantity.Parse("50m"), ["memory"] = Quantity.Parse("64Mi") },
                        Limits = new() { ["memory"] = Quantity.Parse("128Mi") },
                    },
                    VolumeMounts = [new VolumeMount { Name = "cache", MountPath = "/var/log/nginx", ReadOnly = true }],
                    LivenessProbe = new Probe { Exec = new ExecAction { Command = ["/bin/sh", "-c", "test -f /tmp/healthy"] }, PeriodSeconds = 30, TimeoutSeconds = 5, SuccessThreshold = 1, FailureThreshold = 3 },
                    TerminationMessagePath = "/dev/termination-log",
                    TerminationMessagePolicy = "File",
                    ImagePullPolicy = "IfNotPresent",
                },
            ],
            RestartPolicy = "Always",
            TerminationGracePeriodSeconds = 30,
            DnsPolicy = "ClusterFirst",
            ServiceAccountName = "web",
            ServiceAccount = "web",
            NodeName = "node-17",
            SchedulerName = "default-scheduler",
            Tolerations =
            [
                new Toleration { Key = "node.kubernetes.io/not-ready", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
                new Toleration { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
            ],
            Priority = 0,
            EnableServiceLinks = true,
            PreemptionPolicy = "PreemptLowerPriority",
        },
        Status = new PodStatus
        {
            Phase = "Running",
            Conditions =
            [
                Condition("PodReadyToStartContainers", 4),
                Condition("Initialized", 0),
                Condition("Ready", 9),
                Condition("ContainersReady", 9),
                Condition("PodScheduled", 0),
            ],
            HostIP = "10.20.0.17",
            HostIPs = [new HostIP { IP = "10.20.0.17" }],
            PodIP = "10.244.17.23",
            PodIPs = [new PodIP { IP = "10.244.17.23" }],
            StartTime = Created.AddSeconds(1),
            ContainerStatuses =
            [
                Running("web", "registry.example.com/shop/web:1.27.2", "sha256:3b0c0c1f5b1e1d8a4f6e8d2c7b9a0e1f2d3c4b5a69788766554433221100ffee", "containerd://9f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"),
                Running("log-shipper", "registry.example.com/infra/fluent-bit:3.1.9", "sha256:aa11bb22cc33dd44ee55ff66778899aabbccddeeff00112233445566778899aa", "containerd://1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"),
            ],
            QOSClass = "Burstable",
        },
    };

    private static PodCondition Condition(string type, int secondsAfterStart) => new()
    {
        Type = type,
        Status = "True",
        LastTransitionTime = Created.AddSeconds(1 + secondsAfterStart),
    };

    private static ContainerStatus Running(string name, string image, string imageId, string containerId) => new()
    {
        Name = name,
        State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Created.AddSeconds(4) } },
        Ready = true,
        RestartCount = 0,
        Image = image,
        ImageID = imageId,
        ContainerID = containerId,
        Started = true,
    };
}
