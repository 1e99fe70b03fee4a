using FastKube.Api.Core;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Api.Validation;

namespace FastKube.Api.Tests.Validation;

public sealed class PodValidationTests
{
    [Fact]
    public void Validate_DefaultedPod_NoErrors() => Assert.Empty(Fixtures.Messages(Fixtures.Pod()));

    public static TheoryData<string, Action<Pod>, string[]> Cases => new()
    {
        { "no containers", p => p.Spec!.Containers = [], ["spec.containers FieldValueRequired"] },
        { "image missing", p => p.Spec!.Containers![0].Image = null, ["spec.containers[0].image FieldValueRequired"] },
        { "bad container name", p => p.Spec!.Containers![0].Name = "App", ["spec.containers[0].name FieldValueInvalid"] },
        { "init name clashes", p => p.Spec!.InitContainers = [new Container { Name = "app", Image = "busybox", ImagePullPolicy = "Always", TerminationMessagePolicy = "File" }], ["spec.initContainers[0].name FieldValueDuplicate"] },
        { "port out of range", p => p.Spec!.Containers![0].Ports![0].Port = 70000, ["spec.containers[0].ports[0].containerPort FieldValueInvalid"] },
        { "bad protocol", p => p.Spec!.Containers![0].Ports![0].Protocol = "ICMP", ["spec.containers[0].ports[0].protocol FieldValueNotSupported"] },
        { "duplicate port name", p => p.Spec!.Containers![0].Ports!.Add(new ContainerPort { Name = "http", Port = 81, Protocol = "TCP" }), ["spec.containers[0].ports[1].name FieldValueDuplicate"] },
        { "env two sources", p => p.Spec!.Containers![0].Env![0].ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "s", Key = "k" } }, ["spec.containers[0].env[0].valueFrom FieldValueInvalid"] },
        { "env empty source", p => p.Spec!.Containers![0].Env![0] = new EnvVar { Name = "X", ValueFrom = new EnvVarSource() }, ["spec.containers[0].env[0].valueFrom FieldValueInvalid"] },
        { "env bad field path", p => p.Spec!.Containers![0].Env![0] = new EnvVar { Name = "X", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "spec.bogus" } } }, ["spec.containers[0].env[0].valueFrom.fieldRef.fieldPath FieldValueNotSupported"] },
        { "mount unknown volume", p => p.Spec!.Containers![0].VolumeMounts![0].Name = "nope", ["spec.containers[0].volumeMounts[0].name FieldValueNotFound"] },
        { "mount path repeated", p => p.Spec!.Containers![0].VolumeMounts!.Add(new VolumeMount { Name = "data", MountPath = "/data" }), ["spec.containers[0].volumeMounts[1].mountPath FieldValueInvalid"] },
        { "volume two sources", p => p.Spec!.Volumes![0].HostPath = new HostPathVolumeSource { Path = "/x", Type = "" }, ["spec.volumes[0].hostPath FieldValueForbidden", "spec.containers[0].volumeMounts[0].name FieldValueNotFound"] },
        { "volume duplicate name", p => p.Spec!.Volumes!.Add(new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource() }), ["spec.volumes[1].name FieldValueDuplicate"] },
        { "probe two handlers", p => p.Spec!.Containers![0].ReadinessProbe!.TcpSocket = new TCPSocketAction { Port = 80 }, ["spec.containers[0].readinessProbe.tcpSocket FieldValueForbidden"] },
        { "probe no handler", p => p.Spec!.Containers![0].LivenessProbe = new Probe { PeriodSeconds = 10, SuccessThreshold = 1 }, ["spec.containers[0].livenessProbe FieldValueRequired"] },
        { "liveness success threshold", p => p.Spec!.Containers![0].LivenessProbe = new Probe { Exec = new ExecAction { Command = ["true"] }, SuccessThreshold = 2 }, ["spec.containers[0].livenessProbe.successThreshold FieldValueInvalid"] },
        { "bad restart policy", p => p.Spec!.RestartPolicy = "Sometimes", ["spec.restartPolicy FieldValueNotSupported"] },
        { "bad dns policy", p => p.Spec!.DnsPolicy = "Google", ["spec.dnsPolicy FieldValueNotSupported"] },
        { "bad pull policy", p => p.Spec!.Containers![0].ImagePullPolicy = "Sometimes", ["spec.containers[0].imagePullPolicy FieldValueNotSupported"] },
        { "request over limit", p => p.Spec!.Containers![0].Resources = new ResourceRequirements { Limits = new() { ["cpu"] = Quantity.Parse("100m") }, Requests = new() { ["cpu"] = Quantity.Parse("200m") } }, ["spec.containers[0].resources.requests FieldValueInvalid"] },
        { "unknown resource", p => p.Spec!.Containers![0].Resources = new ResourceRequirements { Limits = new() { ["gpu"] = Quantity.Parse("1") } }, ["spec.containers[0].resources.limits[gpu] FieldValueInvalid"] },
        { "exists toleration with value", p => p.Spec!.Tolerations = [new Toleration { Key = "k", Operator = "Exists", Value = "v" }], ["spec.tolerations[0].operator FieldValueInvalid"] },
        { "toleration seconds without NoExecute", p => p.Spec!.Tolerations = [new Toleration { Key = "k", Operator = "Exists", Effect = "NoSchedule", TolerationSeconds = 5 }], ["spec.tolerations[0].effect FieldValueInvalid"] },
        { "bad toleration effect", p => p.Spec!.Tolerations = [new Toleration { Key = "k", Operator = "Exists", Effect = "Never" }], ["spec.tolerations[0].effect FieldValueNotSupported"] },
        { "bad node selector", p => p.Spec!.NodeSelector = new() { ["disk"] = "-ssd" }, ["spec.nodeSelector FieldValueInvalid"] },
        { "node affinity no terms", p => p.Spec!.Affinity = new Affinity { NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector() } }, ["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms FieldValueRequired"] },
        { "pod anti affinity weight", p => p.Spec!.Affinity = new Affinity { PodAntiAffinity = new PodAntiAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new WeightedPodAffinityTerm { Weight = 0, PodAffinityTerm = new PodAffinityTerm { TopologyKey = "kubernetes.io/hostname" } }] } }, ["spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight FieldValueInvalid"] },
        { "spread skew zero", p => p.Spec!.TopologySpreadConstraints = [new TopologySpreadConstraint { MaxSkew = 0, TopologyKey = "zone", WhenUnsatisfiable = "DoNotSchedule" }], ["spec.topologySpreadConstraints[0].maxSkew FieldValueInvalid"] },
        { "spread bad action", p => p.Spec!.TopologySpreadConstraints = [new TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "zone", WhenUnsatisfiable = "Maybe" }], ["spec.topologySpreadConstraints[0].whenUnsatisfiable FieldValueNotSupported"] },
        { "negative grace period", p => p.Spec!.TerminationGracePeriodSeconds = -1, ["spec.terminationGracePeriodSeconds FieldValueInvalid"] },
        { "host network port mismatch", p => { p.Spec!.HostNetwork = true; p.Spec.Containers![0].Ports![0].HostPort = 8080; }, ["spec.containers[0].ports[0].hostPort FieldValueInvalid"] },
        { "host port conflict", p => { p.Spec!.Containers!.Add(new Container { Name = "b", Image = "x", ImagePullPolicy = "Always", TerminationMessagePolicy = "File", Ports = [new ContainerPort { Port = 81, HostPort = 9000, Protocol = "TCP" }] }); p.Spec.Containers[0].Ports![0].HostPort = 9000; }, ["spec.containers[1].ports[0].hostPort FieldValueDuplicate"] },
        { "namespace missing", p => p.Metadata!.Namespace = null, ["metadata.namespace FieldValueRequired"] },
        { "dns none without config", p => p.Spec!.DnsPolicy = "None", ["spec.dnsConfig FieldValueRequired"] },
        { "too many nameservers", p => p.Spec!.DnsConfig = new PodDNSConfig { Nameservers = ["1.1.1.1", "8.8.8.8", "9.9.9.9", "bad"] }, ["spec.dnsConfig.nameservers FieldValueInvalid", "spec.dnsConfig.nameservers[3] FieldValueInvalid"] },
        { "host alias bad ip", p => p.Spec!.HostAliases = [new HostAlias { IP = "x", Hostnames = ["a.local"] }], ["spec.hostAliases[0].ip FieldValueInvalid"] },
        { "duplicate scheduling gate", p => p.Spec!.SchedulingGates = [new PodSchedulingGate { Name = "example.com/wait" }, new PodSchedulingGate { Name = "example.com/wait" }], ["spec.schedulingGates[1] FieldValueDuplicate"] },
        { "bad os", p => p.Spec!.Os = new PodOS { Name = "plan9" }, ["spec.os.name FieldValueNotSupported"] },
        { "negative run as user", p => p.Spec!.SecurityContext!.RunAsUser = -1, ["spec.securityContext.runAsUser FieldValueInvalid"] },
        { "privileged without escalation", p => p.Spec!.Containers![0].SecurityContext = new SecurityContext { Privileged = true, AllowPrivilegeEscalation = false }, ["spec.containers[0].securityContext FieldValueInvalid"] },
        { "sidecar probe allowed, plain init probe forbidden", p => p.Spec!.InitContainers = [new Container { Name = "init", Image = "x", ImagePullPolicy = "Always", TerminationMessagePolicy = "File", ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["true"] } } }], ["spec.initContainers[0].readinessProbe FieldValueForbidden"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_OneViolation_ReportedAtItsField(string scenario, Action<Pod> mutate, string[] expected)
    {
        Assert.NotEmpty(scenario);
        Assert.Equal(expected, Fixtures.FieldReasons(Fixtures.Pod(mutate)));
    }

    [Fact]
    public void Validate_ManyViolations_EveryOneReported()
    {
        var pod = Fixtures.Pod(p =>
        {
            p.Spec!.Containers![0].Image = "";
            p.Spec.Containers[0].Ports![0].Protocol = "ICMP";
            p.Spec.RestartPolicy = "Sometimes";
            p.Spec.Volumes![0].Name = "Data";
        });
        Assert.Equal(
            [
                "spec.volumes[0].name FieldValueInvalid",
                "spec.containers[0].image FieldValueRequired",
                "spec.containers[0].ports[0].protocol FieldValueNotSupported",
                "spec.containers[0].volumeMounts[0].name FieldValueNotFound",
                "spec.restartPolicy FieldValueNotSupported",
            ],
            Fixtures.FieldReasons(pod));
    }

    [Fact]
    public void Validate_UpstreamMessages_Exact()
    {
        var pod = Fixtures.Pod(p =>
        {
            p.Spec!.Containers![0].Image = null;
            p.Spec.Containers[0].Ports![0].Protocol = "ICMP";
            p.Spec.Containers[0].Name = "App";
        });
        Assert.Equal(
            [
                "spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "spec.containers[0].image: Required value",
                "spec.containers[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            ],
            Fixtures.Messages(pod));
    }

    [Fact]
    public void Validate_RequestAboveLimit_UpstreamMessage()
    {
        var pod = Fixtures.Pod(p => p.Spec!.Containers![0].Resources = new ResourceRequirements
        {
            Limits = new() { ["memory"] = Quantity.Parse("64Mi") },
            Requests = new() { ["memory"] = Quantity.Parse("128Mi") },
        });
        Assert.Equal(
            "spec.containers[0].resources.requests: Invalid value: \"128Mi\": must be less than or equal to memory limit of 64Mi",
            Assert.Single(Fixtures.Messages(pod)));
    }

    [Fact]
    public void ToStatus_InvalidPod_UpstreamShape()
    {
        var pod = Fixtures.Pod(p => p.Spec!.Containers![0].Image = null);
        var status = Validator.Validate(pod).ToStatus("Pod", "", "web");
        Assert.Equal("Pod \"web\" is invalid: spec.containers[0].image: Required value", status.Message);
        Assert.Equal("", status.Details!.Group);
    }

    [Fact]
    public void ValidateUpdate_ImageChange_Allowed()
    {
        var old = Fixtures.Pod();
        var next = Fixtures.Pod(p => p.Spec!.Containers![0].Image = "nginx:1.28");
        Assert.Empty(Validator.ValidateUpdate(next, old));
    }

    [Fact]
    public void ValidateUpdate_AddedToleration_Allowed()
    {
        var old = Fixtures.Pod();
        var next = Fixtures.Pod(p => p.Spec!.Tolerations = [new Toleration { Key = "k", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 30 }]);
        Assert.Empty(Validator.ValidateUpdate(next, old));
    }

    [Fact]
    public void ValidateUpdate_OtherSpecChange_Forbidden()
    {
        var old = Fixtures.Pod();
        var next = Fixtures.Pod(p => p.Spec!.Containers![0].Env![0].Value = "dev");
        var error = Assert.Single(Validator.ValidateUpdate(next, old));
        Assert.Equal("spec", error.Field);
        Assert.Equal(FieldErrorType.Forbidden, error.Type);
        Assert.StartsWith("pod updates may not change fields other than `spec.containers[*].image`", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateUpdate_DeadlineRaised_Invalid()
    {
        var old = Fixtures.Pod(p => p.Spec!.ActiveDeadlineSeconds = 10);
        var next = Fixtures.Pod(p => p.Spec!.ActiveDeadlineSeconds = 20);
        Assert.Equal("spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value", Assert.Single(Validator.ValidateUpdate(next, old)).ToString());
    }

    [Fact]
    public void ValidateUpdate_RenamedPod_Immutable()
    {
        var old = Fixtures.Pod();
        var next = Fixtures.Pod(p => p.Metadata = new ObjectMeta { Name = "other", Namespace = "default" });
        Assert.Contains("metadata.name FieldValueInvalid", Fixtures.FieldReasons(Validator.ValidateUpdate(next, old)));
    }
}
