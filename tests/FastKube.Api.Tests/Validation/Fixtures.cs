using FastKube.Api.Apps;
using FastKube.Api.Batch;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;
using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

/// <summary>Valid, defaulted objects that tests mutate into the case they need.</summary>
internal static class Fixtures
{
    public static PodTemplateSpec Template() => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "app",
                    Image = "nginx:1.27",
                    Ports = [new ContainerPort { Name = "http", Port = 80 }],
                    Env = [new EnvVar { Name = "MODE", Value = "prod" }],
                    VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }],
                    ReadinessProbe = new Probe { HttpGet = new HTTPGetAction { Port = IntOrString.FromString("http") } },
                },
            ],
            Volumes = [new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource() }],
        },
    };

    public static T Defaulted<T>(T obj, Action<T>? mutate)
        where T : KubeObject
    {
        Defaults.Apply(obj);
        mutate?.Invoke(obj);
        return obj;
    }

    public static Pod Pod(Action<Pod>? mutate = null) => Defaulted(
        new Pod { Metadata = new ObjectMeta { Name = "web", Namespace = "default" }, Spec = Template().Spec },
        mutate);

    public static Deployment Deployment(Action<Deployment>? mutate = null) => Defaulted(
        new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new DeploymentSpec { Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } }, Template = Template() },
        },
        mutate);

    public static ReplicaSet ReplicaSet(Action<ReplicaSet>? mutate = null) => Defaulted(
        new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "web-1", Namespace = "default" },
            Spec = new ReplicaSetSpec { Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } }, Template = Template() },
        },
        mutate);

    public static DaemonSet DaemonSet(Action<DaemonSet>? mutate = null) => Defaulted(
        new DaemonSet
        {
            Metadata = new ObjectMeta { Name = "agent", Namespace = "kube-system" },
            Spec = new DaemonSetSpec { Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } }, Template = Template() },
        },
        mutate);

    public static StatefulSet StatefulSet(Action<StatefulSet>? mutate = null) => Defaulted(
        new StatefulSet
        {
            Metadata = new ObjectMeta { Name = "db", Namespace = "default" },
            Spec = new StatefulSetSpec { ServiceName = "db", Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } }, Template = Template() },
        },
        mutate);

    public static Job Job(Action<Job>? mutate = null)
    {
        var template = Template();
        template.Spec!.RestartPolicy = "Never";
        template.Spec.Containers![0].ReadinessProbe = null;
        var job = new Job { Metadata = new ObjectMeta { Name = "batch", Namespace = "default", Uid = "5f3c" }, Spec = new JobSpec { Template = template } };
        Defaults.Apply(job);
        JobSelectors.Generate(job);
        mutate?.Invoke(job);
        return job;
    }

    public static Service Service(Action<Service>? mutate = null) => Defaulted(
        new Service
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80 }] },
        },
        mutate);

    public static IReadOnlyList<string> Messages(KubeObject obj) => Validator.Validate(obj).Select(e => e.ToString()).ToList();

    public static IReadOnlyList<string> FieldReasons(FieldErrorList errs) => errs.Select(e => e.Field + " " + e.Reason).ToList();

    public static IReadOnlyList<string> FieldReasons(KubeObject obj) => FieldReasons(Validator.Validate(obj));
}
