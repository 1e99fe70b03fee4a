using System.Text;
using System.Text.Json;
using FastKube.Api.Core;
using FastKube.Api.Defaulting;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests.Defaulting;

public sealed class DefaultsPodTests
{
    private static Pod MinimalPod(Action<Pod>? mutate = null)
    {
        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx" }] },
        };
        mutate?.Invoke(pod);
        return pod;
    }

    [Fact]
    public void Apply_MinimalPodFromJson_UpstreamDefaultsInJson()
    {
        var pod = KubeJson.Deserialize<Pod>(Encoding.UTF8.GetBytes(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"app","image":"nginx","ports":[{"containerPort":80}]}]}}"""))!;
        Defaults.Apply(pod);
        using var doc = JsonDocument.Parse(KubeJson.Serialize(pod));
        var spec = doc.RootElement.GetProperty("spec");
        Assert.Equal("Always", spec.GetProperty("restartPolicy").GetString());
        Assert.Equal(30, spec.GetProperty("terminationGracePeriodSeconds").GetInt64());
        Assert.Equal("ClusterFirst", spec.GetProperty("dnsPolicy").GetString());
        Assert.Equal("default-scheduler", spec.GetProperty("schedulerName").GetString());
        Assert.Equal(JsonValueKind.Object, spec.GetProperty("securityContext").ValueKind);
        Assert.True(spec.GetProperty("enableServiceLinks").GetBoolean());
        var container = spec.GetProperty("containers")[0];
        Assert.Equal("Always", container.GetProperty("imagePullPolicy").GetString());
        Assert.Equal("/dev/termination-log", container.GetProperty("terminationMessagePath").GetString());
        Assert.Equal("File", container.GetProperty("terminationMessagePolicy").GetString());
        Assert.Equal("TCP", container.GetProperty("ports")[0].GetProperty("protocol").GetString());
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("registry.local:5000/nginx", "Always")]
    [InlineData("registry.local:5000/nginx:1.0", "IfNotPresent")]
    [InlineData("nginx@sha256:0123456789abcdef", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:0123456789abcdef", "Always")]
    public void ApplyContainer_ImagePullPolicy_ByTag(string image, string expected)
    {
        var container = new Container { Name = "a", Image = image };
        Defaults.ApplyContainer(container);
        Assert.Equal(expected, container.ImagePullPolicy);
    }

    [Fact]
    public void ApplyPod_ExplicitValues_Kept()
    {
        var pod = MinimalPod(p =>
        {
            p.Spec!.RestartPolicy = "Never";
            p.Spec.TerminationGracePeriodSeconds = 0;
            p.Spec.EnableServiceLinks = false;
            p.Spec.Containers![0].ImagePullPolicy = "Never";
        });
        Defaults.ApplyPod(pod);
        Assert.Equal("Never", pod.Spec!.RestartPolicy);
        Assert.Equal(0, pod.Spec.TerminationGracePeriodSeconds);
        Assert.False(pod.Spec.EnableServiceLinks);
        Assert.Equal("Never", pod.Spec.Containers![0].ImagePullPolicy);
    }

    [Fact]
    public void ApplyPod_OnlyLimits_RequestsCopiedWithoutOverwriting()
    {
        var pod = MinimalPod(p => p.Spec!.Containers![0].Resources = new ResourceRequirements
        {
            Limits = new() { ["cpu"] = Quantity.Parse("500m"), ["memory"] = Quantity.Parse("128Mi") },
            Requests = new() { ["cpu"] = Quantity.Parse("100m") },
        });
        Defaults.ApplyPod(pod);
        var requests = pod.Spec!.Containers![0].Resources!.Requests!;
        Assert.Equal(Quantity.Parse("100m"), requests["cpu"]);
        Assert.Equal(Quantity.Parse("128Mi"), requests["memory"]);
    }

    [Fact]
    public void ApplyPod_ProbesAndEnv_Defaulted()
    {
        var pod = MinimalPod(p =>
        {
            var c = p.Spec!.Containers![0];
            c.LivenessProbe = new Probe { HttpGet = new HTTPGetAction { Port = 8080 } };
            c.Env = [new EnvVar { Name = "POD", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } }];
        });
        Defaults.ApplyPod(pod);
        var probe = pod.Spec!.Containers![0].LivenessProbe!;
        Assert.Equal((1, 10, 1, 3), (probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold));
        Assert.Equal("HTTP", probe.HttpGet!.Scheme);
        Assert.Equal("/", probe.HttpGet.Path);
        Assert.Equal("v1", pod.Spec.Containers[0].Env![0].ValueFrom!.FieldRef!.ApiVersion);
    }

    [Fact]
    public void ApplyPod_Volumes_ModesAndEmptyDir()
    {
        var pod = MinimalPod(p => p.Spec!.Volumes =
        [
            new Volume { Name = "none" },
            new Volume { Name = "cm", ConfigMap = new ConfigMapVolumeSource { Name = "c" } },
            new Volume { Name = "s", Secret = new SecretVolumeSource { SecretName = "s", DefaultMode = 0x100 } },
            new Volume { Name = "h", HostPath = new HostPathVolumeSource { Path = "/data" } },
        ]);
        Defaults.ApplyPod(pod);
        var volumes = pod.Spec!.Volumes!;
        Assert.NotNull(volumes[0].EmptyDir);
        Assert.Equal(420, volumes[1].ConfigMap!.DefaultMode);
        Assert.Equal(256, volumes[2].Secret!.DefaultMode);
        Assert.Equal("", volumes[3].HostPath!.Type);
    }

    [Fact]
    public void ApplyPod_HostNetwork_HostPortFromContainerPort()
    {
        var pod = MinimalPod(p =>
        {
            p.Spec!.HostNetwork = true;
            p.Spec.Containers![0].Ports = [new ContainerPort { Port = 8080 }];
        });
        Defaults.ApplyPod(pod);
        Assert.Equal(8080, pod.Spec!.Containers![0].Ports![0].HostPort);
    }

    [Fact]
    public void ApplyPodTemplate_TemplateOnlyDefaults_NoServiceLinksOrRequests()
    {
        var template = new PodTemplateSpec
        {
            Spec = new PodSpec { Containers = [new Container { Name = "a", Image = "x:1", Resources = new ResourceRequirements { Limits = new() { ["cpu"] = Quantity.Parse("1") } } }] },
        };
        Defaults.ApplyPodTemplate(template);
        Assert.Equal("Always", template.Spec!.RestartPolicy);
        Assert.Null(template.Spec.EnableServiceLinks);
        Assert.Null(template.Spec.Containers![0].Resources!.Requests);
    }

    [Fact]
    public void Apply_Twice_SameJson()
    {
        var pod = MinimalPod();
        Defaults.Apply(pod);
        var once = KubeJson.SerializeToString(pod);
        Defaults.Apply(pod);
        Assert.Equal(once, KubeJson.SerializeToString(pod));
    }
}
