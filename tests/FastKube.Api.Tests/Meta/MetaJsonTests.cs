using System.Text;
using System.Text.Json;
using FastKube.Api.Meta;
using FastKube.Api.Serialization;

namespace FastKube.Api.Tests.Meta;

public sealed class MetaJsonTests
{
    [Fact]
    public void Serialize_StatusWithCauses_WritesUpstreamShape()
    {
        var status = new Status
        {
            ApiVersion = Status.GroupVersion,
            Kind = Status.KindName,
            Metadata = new ListMeta(),
            Outcome = Status.Failure,
            Message = "Pod \"x\" is invalid",
            Reason = StatusReasons.Invalid,
            Details = new StatusDetails
            {
                Name = "x",
                Kind = "pods",
                Causes = [new StatusCause { Reason = CauseTypes.FieldValueRequired, Message = "Required value", Field = "spec.containers" }],
            },
            Code = 422,
        };

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Pod \"x\" is invalid","reason":"Invalid","details":{"name":"x","kind":"pods","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers"}]},"code":422}""",
            KubeJson.SerializeToString(status));
    }

    [Fact]
    public void Serialize_ObjectMetaWithEmptyCollections_OmitsThem()
    {
        var meta = new ObjectMeta
        {
            Name = "a",
            Labels = [],
            Finalizers = [],
            CreationTimestamp = new DateTimeOffset(2024, 1, 2, 4, 4, 5, 900, TimeSpan.FromHours(1)),
        };

        Assert.Equal("""{"name":"a","creationTimestamp":"2024-01-02T03:04:05Z"}""", KubeJson.SerializeToString(meta));
    }

    [Fact]
    public void Deserialize_ObjectMeta_ReadsAllFields()
    {
        var meta = KubeJson.Deserialize<ObjectMeta>("""
            {"name":"web","generateName":"web-","namespace":"default","uid":"6b1c","resourceVersion":"42","generation":3,
             "creationTimestamp":"2024-01-02T05:04:05.123+02:00","deletionTimestamp":"2024-01-02T03:04:06Z","deletionGracePeriodSeconds":30,
             "labels":{"app":"web"},"annotations":{"a":"b"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"u1","controller":true,"blockOwnerDeletion":true}],
             "finalizers":["f"],"managedFields":[{"manager":"kubectl"}]}
            """u8)!;

        Assert.Equal("web", meta.Name);
        Assert.Equal("web-", meta.GenerateName);
        Assert.Equal("default", meta.Namespace);
        Assert.Equal("6b1c", meta.Uid);
        Assert.Equal("42", meta.ResourceVersion);
        Assert.Equal(3, meta.Generation);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 123, TimeSpan.Zero), meta.CreationTimestamp);
        Assert.Equal(30, meta.DeletionGracePeriodSeconds);
        Assert.Equal("web", meta.Labels!["app"]);
        Assert.Equal("b", meta.Annotations!["a"]);
        OwnerReference owner = Assert.Single(meta.OwnerReferences!);
        Assert.True(owner.Controller);
        Assert.Equal("ReplicaSet", owner.Kind);
        Assert.Equal(["f"], meta.Finalizers!);
    }

    [Theory]
    [InlineData("\"2024-01-02T03:04:05\"")]
    [InlineData("\"2024-01-02\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("12")]
    public void Deserialize_BadTime_ThrowsJsonExceptionWithPath(string value)
    {
        var ex = Assert.Throws<JsonException>(() =>
            KubeJson.Deserialize<ObjectMeta>(Encoding.UTF8.GetBytes($$"""{"name":"a","creationTimestamp":{{value}}}""")));
        Assert.Equal("$.creationTimestamp", ex.Path);
    }

    [Fact]
    public void Deserialize_TimeWithEscapedCharacters_Reads()
    {
        var meta = KubeJson.Deserialize<ObjectMeta>("""{"creationTimestamp":"2024-01-02T03:04:05\u005a"}"""u8)!;
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), meta.CreationTimestamp);
    }

    [Fact]
    public void Deserialize_WatchEvent_KeepsRawObject()
    {
        var ev = KubeJson.Deserialize<WatchEvent>("""{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p"}}}"""u8)!;

        Assert.Equal(WatchEventTypes.Added, ev.Type);
        Assert.Equal("p", ev.Object!.Value.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal("""{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p"}}}""", KubeJson.SerializeToString(ev));
    }

    [Fact]
    public void Serialize_TableWithNoRows_WritesEmptyRows()
    {
        var table = new Table { Kind = Table.KindName, ApiVersion = Table.GroupVersion, ColumnDefinitions = [], Rows = [] };

        Assert.Equal("""{"kind":"Table","apiVersion":"meta.k8s.io/v1","columnDefinitions":[],"rows":[]}""", KubeJson.SerializeToString(table));
    }

    [Fact]
    public void RoundTrip_TableRow_KeepsCellsAndObject()
    {
        const string json = """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"9"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"d","priority":0}],"rows":[{"cells":["web",1,true],"object":{"kind":"PartialObjectMetadata"}}]}""";

        Table table = KubeJson.Deserialize<Table>(Encoding.UTF8.GetBytes(json))!;

        Assert.Equal(json, KubeJson.SerializeToString(table));
    }

    [Fact]
    public void Serialize_DeleteOptions_WritesFields()
    {
        var options = new DeleteOptions
        {
            GracePeriodSeconds = 0,
            Preconditions = new Preconditions { Uid = "u", ResourceVersion = "5" },
            PropagationPolicy = DeletionPropagation.Foreground,
            DryRun = ["All"],
        };

        Assert.Equal(
            """{"gracePeriodSeconds":0,"preconditions":{"uid":"u","resourceVersion":"5"},"propagationPolicy":"Foreground","dryRun":["All"]}""",
            KubeJson.SerializeToString(options));
    }

    [Fact]
    public void RoundTrip_LabelSelectorAndCondition_KeepsFields()
    {
        const string json = """{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]},{"key":"x","operator":"Exists"}]}""";
        Assert.Equal(json, KubeJson.SerializeToString(KubeJson.Deserialize<LabelSelector>(Encoding.UTF8.GetBytes(json))));

        const string condition = """{"type":"Ready","status":"True","observedGeneration":2,"lastTransitionTime":"2024-01-02T03:04:05Z","reason":"R","message":"m"}""";
        Assert.Equal(condition, KubeJson.SerializeToString(KubeJson.Deserialize<Condition>(Encoding.UTF8.GetBytes(condition))));
    }

    [Fact]
    public void Serialize_ApiResourceList_WritesDiscoveryShape()
    {
        var list = new ApiResourceList
        {
            Kind = ApiResourceList.KindName,
            ApiVersion = "v1",
            GroupVersion = "apps/v1",
            Resources =
            [
                new ApiResource { Name = "deployments", SingularName = "deployment", Namespaced = true, Kind = "Deployment", Verbs = ["get", "list"], ShortNames = ["deploy"], Categories = ["all"] },
                new ApiResource { Name = "deployments/scale", SingularName = "", Namespaced = true, Group = "autoscaling", Version = "v1", Kind = "Scale", Verbs = ["get", "patch", "update"] },
            ],
        };

        Assert.Equal(
            """{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["get","list"],"shortNames":["deploy"],"categories":["all"]},{"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}]}""",
            KubeJson.SerializeToString(list));
    }

    [Fact]
    public void RoundTrip_ApiGroupListAndVersions_KeepFields()
    {
        const string groups = """{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}""";
        const string versions = """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}""";

        Assert.Equal(groups, KubeJson.SerializeToString(KubeJson.Deserialize<ApiGroupList>(Encoding.UTF8.GetBytes(groups))));
        Assert.Equal(versions, KubeJson.SerializeToString(KubeJson.Deserialize<ApiVersions>(Encoding.UTF8.GetBytes(versions))));
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", 0)]
    [InlineData("2024-01-02T05:04:05+02:00", 0)]
    [InlineData("2024-01-01T22:34:05-04:30", 0)]
    [InlineData("2024-01-02T03:04:05.5Z", 5_000_000)]
    [InlineData("2024-01-02T03:04:05.123456789Z", 1_234_567)]
    [InlineData("2024-01-02T03:04:05.000001+00:00", 10)]
    public void Deserialize_Rfc3339Variants_ReadsInstant(string text, long extraTicks)
    {
        var meta = KubeJson.Deserialize<ObjectMeta>(Encoding.UTF8.GetBytes($$"""{"creationTimestamp":"{{text}}"}"""))!;

        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(extraTicks), meta.CreationTimestamp);
        Assert.Equal("""{"creationTimestamp":"2024-01-02T03:04:05Z"}""", KubeJson.SerializeToString(meta));
    }
}
