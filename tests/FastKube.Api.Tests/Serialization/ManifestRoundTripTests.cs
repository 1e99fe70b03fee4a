using System.Text;
using System.Text.Json;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests.Serialization;

// Each testdata manifest is written in upstream's field order; reading it and writing it back must give
// the same JSON byte for byte (after compacting the file), so every field is modelled and named right.
public sealed class ManifestRoundTripTests
{
    [Fact]
    public void RoundTrip_Pod_IsExact()
    {
        Pod pod = RoundTrip<Pod>("pod.json");

        PodSpec spec = pod.Spec!;
        Container web = spec.Containers![0];
        Assert.Equal(Quantity.Parse("250m"), web.Resources!.Requests!["cpu"]);
        Assert.Equal(1024L * 1024 * 1024, web.Resources.Limits!["memory"].Value());
        Assert.Equal("http", web.LivenessProbe!.HttpGet!.Port!.Value.StringValue);
        Assert.Equal(8080, web.ReadinessProbe!.TcpSocket!.Port!.Value.IntValue);
        Assert.Equal(9090, web.StartupProbe!.Grpc!.Port);
        Assert.Equal(5, web.Lifecycle!.PreStop!.Sleep!.Seconds);
        Assert.Equal(8080, web.Ports![0].Port);
        Assert.Equal("127.0.0.1", web.Ports[1].HostIP);
        Assert.Equal("limits.cpu", web.Env![2].ValueFrom!.ResourceFieldRef!.Resource);
        Assert.Equal(Quantity.Parse("1m"), web.Env[2].ValueFrom!.ResourceFieldRef!.Divisor);
        Assert.Equal("password", web.Env[4].ValueFrom!.SecretKeyRef!.Key);
        Assert.Equal(["ALL"], web.SecurityContext!.Capabilities!.Drop!);
        Assert.Equal(Quantity.Parse("64Mi"), spec.Volumes![0].EmptyDir!.SizeLimit);
        Assert.Equal(3607, spec.Volumes[6].Projected!.Sources![0].ServiceAccountToken!.ExpirationSeconds);
        Assert.Equal(["a", "b"], spec.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms![0].MatchExpressions![0].Values!);
        Assert.Equal("kubernetes.io/hostname", spec.Affinity.PodAntiAffinity!.RequiredDuringSchedulingIgnoredDuringExecution![0].TopologyKey);
        Assert.Equal(300, spec.Tolerations![0].TolerationSeconds);
        Assert.Equal([2000L], spec.SecurityContext!.SupplementalGroups!);
        PodStatus status = pod.Status!;
        Assert.Equal(["10.244.3.17", "fd00:10:244:3::11"], status.PodIPs!.Select(ip => ip.IP));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), status.StartTime);
        Assert.Equal(0, status.InitContainerStatuses![0].State!.Terminated!.ExitCode);
        Assert.Equal("CrashLoopBackOff", status.ContainerStatuses![0].LastState!.Waiting!.Reason);
        Assert.Equal("Burstable", status.QOSClass);
    }

    [Fact]
    public void RoundTrip_Deployment_IsExact()
    {
        Deployment deployment = RoundTrip<Deployment>("deployment.json");

        Assert.Equal("apps/v1", deployment.ApiVersion);
        Assert.Equal(3, deployment.Spec!.Replicas);
        Assert.Equal(3, deployment.Spec.Strategy!.RollingUpdate!.MaxUnavailable!.Value.GetScaledValue(10, roundUp: false) + 1);
        Assert.Equal(1, deployment.Spec.Strategy.RollingUpdate.MaxSurge!.Value.IntValue);
        Assert.Equal("web", deployment.Spec.Template!.Metadata!.Labels!["app"]);
        Assert.Equal(1, deployment.Status!.CollisionCount);
        Assert.Equal("NewReplicaSetAvailable", deployment.Status.Conditions![1].Reason);
    }

    [Fact]
    public void RoundTrip_Service_IsExact()
    {
        Service service = RoundTrip<Service>("service.json");

        ServiceSpec spec = service.Spec!;
        Assert.Equal(IntOrString.FromString("http"), spec.Ports![0].TargetPort);
        Assert.Equal(IntOrString.FromInt32(9100), spec.Ports[1].TargetPort);
        Assert.Equal(["IPv4", "IPv6"], spec.IPFamilies!);
        Assert.Equal("PreferDualStack", spec.IPFamilyPolicy);
        Assert.Equal(10800, spec.SessionAffinityConfig!.ClientIP!.TimeoutSeconds);
        Assert.Equal("VIP", service.Status!.LoadBalancer!.Ingress![0].IPMode);
    }

    [Fact]
    public void RoundTrip_NodeStatus_IsExact()
    {
        Node node = RoundTrip<Node>("node.json");

        NodeStatus status = node.Status!;
        Assert.Equal(7800, status.Allocatable!["cpu"].MilliValue());
        Assert.Equal(32781400L * 1024, status.Capacity!["memory"].Value());
        Assert.Equal(10250, status.DaemonEndpoints!.KubeletEndpoint!.Port);
        Assert.Equal("containerd://1.6.20", status.NodeInfo!.ContainerRuntimeVersion);
        Assert.Equal(52428800, status.Images![0].SizeBytes);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 6, 0, 0, TimeSpan.Zero), node.Spec!.Taints![0].TimeAdded);
    }

    [Fact]
    public void RoundTrip_Secret_DecodesBase64Data()
    {
        Secret secret = RoundTrip<Secret>("secret.json");

        Assert.Equal("s3cr3t!", Encoding.UTF8.GetString(secret.Data!["password"]));
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10 }, secret.Data["binary"]);
        Assert.True(secret.Immutable);
    }

    [Fact]
    public void RoundTrip_EndpointSlice_IsExact()
    {
        EndpointSlice slice = RoundTrip<EndpointSlice>("endpointslice.json");

        Assert.Equal("IPv4", slice.AddressType);
        Assert.True(slice.Endpoints![0].Conditions!.Ready);
        Assert.Equal("Pod", slice.Endpoints[0].TargetRef!.Kind);
        Assert.True(slice.Endpoints[1].Conditions!.Terminating);
        Assert.Equal(8080, slice.Ports![0].Port);
    }

    private static T RoundTrip<T>(string file)
        where T : class
    {
        byte[] expected = Compact(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", file)));

        T value = KubeJson.Deserialize<T>(expected)!;

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(KubeJson.Serialize(value)));
        return value;
    }

    private static byte[] Compact(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, KubeJson.WriterOptions))
        {
            document.RootElement.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
