using System.Buffers;
using System.Text;
using System.Text.Json;
using FastKube.Api.Apps;
using FastKube.Api.Coordination;
using FastKube.Api.Core;
using FastKube.Api.Discovery;
using FastKube.Api.Meta;
using FastKube.Api.Resource;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests.Serialization;

public sealed class KubeJsonTests
{
    [Fact]
    public void Serialize_DeploymentBuiltInCode_WritesUpstreamJson()
    {
        var deployment = new Deployment
        {
            ApiVersion = Deployment.GroupVersion,
            Kind = Deployment.KindName,
            Metadata = new ObjectMeta { Name = "web", Namespace = "default", Labels = new() { ["app"] = "web" } },
            Spec = new DeploymentSpec
            {
                Replicas = 2,
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                    Spec = new PodSpec
                    {
                        Containers =
                        [
                            new Container
                            {
                                Name = "web",
                                Image = "nginx:1.27",
                                Resources = new ResourceRequirements { Limits = new() { ["memory"] = Quantity.Parse("0.5Gi") } },
                            },
                        ],
                    },
                },
                Strategy = new DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = 0 },
                },
            },
        };

        Assert.Equal(
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27","resources":{"limits":{"memory":"512Mi"}}}]}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}}}}""",
            KubeJson.SerializeToString(deployment));
    }

    [Fact]
    public void Serialize_EmptyCollections_OmittedLikeOmitempty()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Labels = [], Annotations = [], OwnerReferences = [], Finalizers = [] },
            Spec = new PodSpec { Volumes = [], Containers = [new Container { Name = "c", Args = [], Env = [] }], Tolerations = [], NodeSelector = [] },
            Status = new PodStatus { Conditions = [], PodIPs = [] },
        };

        Assert.Equal("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},"status":{}}""", KubeJson.SerializeToString(pod));
    }

    [Fact]
    public void Serialize_FieldsWithoutOmitempty_WrittenWhenEmpty()
    {
        Assert.Equal("""{"spec":{"containers":[]}}""", KubeJson.SerializeToString(new Pod { Spec = new PodSpec { Containers = [] } }));
        Assert.Equal("""{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]}""",
            KubeJson.SerializeToString(new PodList { Kind = PodList.KindName, ApiVersion = PodList.GroupVersion, Metadata = new ListMeta(), Items = [] }));
        Assert.Equal("""{"items":null}""", KubeJson.SerializeToString(new PodList()));
        Assert.Equal("""{"addressType":"IPv4","endpoints":[{"addresses":[]}],"ports":[]}""",
            KubeJson.SerializeToString(new EndpointSlice { AddressType = "IPv4", Endpoints = [new Endpoint { Addresses = [] }], Ports = [] }));
    }

    [Fact]
    public void Serialize_PodAsKubeObject_WritesRuntimeType()
    {
        KubeObject pod = new Pod { Kind = "Pod", Spec = new PodSpec { NodeName = "n1" } };

        Assert.Equal("""{"kind":"Pod","spec":{"nodeName":"n1"}}""", Encoding.UTF8.GetString(KubeJson.Serialize(pod)));
    }

    [Fact]
    public void Serialize_BufferWriter_WritesSameBytes()
    {
        var configMap = new ConfigMap { Data = new() { ["k"] = "välue <&>" }, BinaryData = new() { ["b"] = [1, 2, 3] } };
        var buffer = new ArrayBufferWriter<byte>();

        KubeJson.Serialize(buffer, configMap);

        Assert.Equal("""{"data":{"k":"välue <&>"},"binaryData":{"b":"AQID"}}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(KubeJson.Serialize(configMap), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Deserialize_RuntimeType_ReadsObject()
    {
        object? value = KubeJson.Deserialize("""{"kind":"Namespace","metadata":{"name":"ns1"},"status":{"phase":"Active"}}"""u8, typeof(Namespace));

        Namespace ns = Assert.IsType<Namespace>(value);
        Assert.Equal("Active", ns.Status!.Phase);
    }

    [Fact]
    public void WatchEvent_ObjectElement_ConvertsToTypedObject()
    {
        var ev = new WatchEvent { Type = WatchEventTypes.Modified, Object = KubeJson.SerializeToElement(new Pod { Metadata = new ObjectMeta { Name = "p" } }) };

        WatchEvent read = KubeJson.Deserialize<WatchEvent>(KubeJson.Serialize(ev))!;

        Assert.Equal("p", KubeJson.Deserialize<Pod>(read.Object!.Value)!.Metadata!.Name);
    }

    [Fact]
    public void RoundTrip_EventAndLease_UseMicroTime()
    {
        var time = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);
        var ev = new Event
        {
            InvolvedObject = new ObjectReference { Kind = "Pod", Name = "p" },
            FirstTimestamp = time,
            EventTime = time,
            Series = new EventSeries { Count = 2, LastObservedTime = time },
        };
        var lease = new Lease { Spec = new LeaseSpec { HolderIdentity = "a", AcquireTime = time, RenewTime = time, LeaseDurationSeconds = 15 } };

        Assert.Equal(
            """{"involvedObject":{"kind":"Pod","name":"p"},"firstTimestamp":"2024-01-02T03:04:05Z","eventTime":"2024-01-02T03:04:05.123456Z","series":{"count":2,"lastObservedTime":"2024-01-02T03:04:05.123456Z"}}""",
            KubeJson.SerializeToString(ev));
        Assert.Equal(
            """{"spec":{"holderIdentity":"a","leaseDurationSeconds":15,"acquireTime":"2024-01-02T03:04:05.123456Z","renewTime":"2024-01-02T03:04:05.123456Z"}}""",
            KubeJson.SerializeToString(lease));
        Lease read = KubeJson.Deserialize<Lease>(KubeJson.Serialize(lease))!;
        Assert.Equal(time.AddTicks(-7), read.Spec!.RenewTime);
    }

    [Theory]
    [InlineData("""{"spec":{"replicas":"3"}}""", "$.spec.replicas")]
    [InlineData("""{"spec":{"replicas":3.5}}""", "$.spec.replicas")]
    [InlineData("""{"spec":{"replicas":99999999999}}""", "$.spec.replicas")]
    [InlineData("""{"spec":{"paused":"yes"}}""", "$.spec.paused")]
    [InlineData("""{"metadata":{"labels":["a"]}}""", "$.metadata.labels")]
    [InlineData("""{"metadata":{"labels":{"a":1}}}""", "$.metadata.labels.a")]
    [InlineData("""{"metadata":{"name":{}}}""", "$.metadata.name")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":{}}}}}""", "$.spec.template.spec.containers")]
    [InlineData("""{"metadata":{"creationTimestamp":"2024-13-01T00:00:00Z"}}""", "$.metadata.creationTimestamp")]
    [InlineData("""{"spec":{"strategy":{"rollingUpdate":{"maxSurge":true}}}}""", "$.spec.strategy.rollingUpdate.maxSurge")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"resources":{"limits":{"cpu":"lots"}}}]}}}}""", "$.spec.template.spec.containers[0].resources.limits.cpu")]
    public void Deserialize_WrongType_ThrowsJsonExceptionWithPath(string json, string path)
    {
        var ex = Assert.Throws<JsonException>(() => KubeJson.Deserialize<Deployment>(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(path, ex.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"metadata":}""")]
    [InlineData("""{"metadata":{"name":"a"}""")]
    [InlineData("""{"metadata" {"name":"a"}}""")]
    [InlineData("""{"data":{"k":"not base64!"}}""")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("""{"data":{"k":"AQID"}} trailing""")]
    public void Deserialize_Malformed_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => KubeJson.Deserialize<Secret>(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Deserialize_DeepNesting_ThrowsJsonException()
    {
        string json = """{"metadata":{"annotations":""" + new string('[', 200) + new string(']', 200) + "}}";

        Assert.Throws<JsonException>(() => KubeJson.Deserialize<Pod>(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Deserialize_UnknownFields_AreIgnored()
    {
        Pod pod = KubeJson.Deserialize<Pod>("""{"kind":"Pod","future":{"x":[1,2]},"spec":{"nodeName":"n","ephemeralContainers":[{"name":"dbg"}]}}"""u8)!;

        Assert.Equal("""{"kind":"Pod","spec":{"nodeName":"n"}}""", KubeJson.SerializeToString(pod));
    }

    [Fact]
    public void Deserialize_Null_ReturnsNull()
    {
        Assert.Null(KubeJson.Deserialize<Pod>("null"u8));
    }
}
