using System.Text.Json.Nodes;
using FastKube.Api.Apply;
using FastKube.Api.Apps;
using FastKube.Api.Core;

namespace FastKube.Api.Tests.Apply;

public sealed class FieldSetsTests
{
    // The configuration kubectl apply --server-side would send for a small Deployment.
    internal const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"containers":[{"name":"web","image":"nginx:1.25","ports":[{"containerPort":80}],"env":[{"name":"MODE","value":"fast"}]}]}}}}
        """;

    [Fact]
    public void Of_DeploymentConfiguration_MatchesUpstreamFieldsV1()
    {
        var set = FieldSets.Of(JsonNode.Parse(Deployment), typeof(Deployment), out var error);
        var request = new ApplyRequest("m", "apps/v1", "", true, false, DateTimeOffset.UnixEpoch);
        var owned = FieldManager.Apply(null, null, (JsonObject)JsonNode.Parse(Deployment)!, typeof(Deployment), request).ManagedFields;

        Assert.Equal("", error);
        Assert.True(set.Contains([PathElement.Field("metadata"), PathElement.Field("name")]));
        // What upstream stores for this apply: name and namespace stripped, the selector atomic, containers keyed by
        // name, ports by containerPort and the defaulted protocol, list items members with "." when they hold fields.
        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:env":{"k:{\"name\":\"MODE\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}""",
            Assert.Single(owned!).FieldsV1!.Value.GetRawText());
    }

    [Theory]
    [InlineData(typeof(Service), """{"spec":{"ports":[{"port":80,"targetPort":8080}]}}""", ".spec.ports[port=80,protocol=\"TCP\"].targetPort")]
    [InlineData(typeof(Service), """{"spec":{"ports":[{"port":53,"protocol":"UDP"}]}}""", ".spec.ports[port=53,protocol=\"UDP\"].protocol")]
    [InlineData(typeof(Pod), """{"spec":{"volumes":[{"name":"data","emptyDir":{}}]}}""", ".spec.volumes[name=\"data\"].emptyDir")]
    [InlineData(typeof(Pod), """{"spec":{"containers":[{"name":"c","volumeMounts":[{"mountPath":"/d","name":"data"}]}]}}""", ".spec.containers[name=\"c\"].volumeMounts[mountPath=\"/d\"].name")]
    [InlineData(typeof(Pod), """{"spec":{"containers":[{"name":"c","env":[{"name":"A","value":"1"}]}]}}""", ".spec.containers[name=\"c\"].env[name=\"A\"].value")]
    [InlineData(typeof(Pod), """{"spec":{"tolerations":[{"key":"k"}]}}""", ".spec.tolerations")]
    [InlineData(typeof(Pod), """{"metadata":{"finalizers":["f"]}}""", ".metadata.finalizers[=\"f\"]")]
    [InlineData(typeof(Pod), """{"spec":{"containers":[{"name":"c","command":["sh"]}]}}""", ".spec.containers[name=\"c\"].command")]
    [InlineData(typeof(ConfigMap), """{"data":{"k":"v"}}""", ".data.k")]
    [InlineData(typeof(Secret), """{"stringData":{"k":"v"}}""", ".stringData.k")]
    [InlineData(typeof(StatefulSet), """{"spec":{"selector":{"matchLabels":{"a":"b"}}}}""", ".spec.selector")]
    [InlineData(typeof(FastKube.Api.Batch.Job), """{"spec":{"template":{"spec":{"restartPolicy":"Never"}}}}""", ".spec.template.spec.restartPolicy")]
    public void Of_SchemaTable_OwnsAtUpstreamGranularity(Type type, string config, string path)
    {
        var set = FieldSets.Of(JsonNode.Parse(config), type, out var error);

        Assert.Equal("", error);
        Assert.Contains(path, set.Paths().Select(FieldSets.Render));
    }

    [Fact]
    public void Of_AtomicList_IsOneMemberWithoutItems()
    {
        var set = FieldSets.Of(JsonNode.Parse("""{"spec":{"tolerations":[{"key":"a"},{"key":"b"}]}}"""), typeof(Pod), out _);

        Assert.Equal([".spec.tolerations"], set.Paths().Select(FieldSets.Render));
    }

    [Fact]
    public void Of_KeyedListItemWithoutKey_ReportsThePath()
    {
        FieldSets.Of(JsonNode.Parse("""{"spec":{"containers":[{"image":"x"}]}}"""), typeof(Pod), out var error);

        Assert.Equal(".spec.containers: element 0: associative list with keys has an element that omits key field \"name\" (and doesn't have default value)", error);
    }

    [Fact]
    public void Of_DuplicateKeys_ReportsTheKey()
    {
        FieldSets.Of(JsonNode.Parse("""{"spec":{"containers":[{"name":"a"},{"name":"a"}]}}"""), typeof(Pod), out var error);

        Assert.Contains("duplicate entries for key [name=\"a\"]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_EmptyObjectAndNull_AreMembers()
    {
        var set = FieldSets.Of(JsonNode.Parse("""{"spec":{"containers":[{"name":"a","resources":{},"image":null}]}}"""), typeof(Pod), out _);

        Assert.Equal(
            [".spec.containers[name=\"a\"]", ".spec.containers[name=\"a\"].image", ".spec.containers[name=\"a\"].name", ".spec.containers[name=\"a\"].resources"],
            set.Paths().Select(FieldSets.Render));
    }

    [Fact]
    public void Compare_ChangedLeafAddedMapEntryRemovedItem_AreReported()
    {
        var before = JsonNode.Parse("""{"metadata":{"labels":{"a":"1"}},"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}}}""");
        var after = JsonNode.Parse("""{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"a"}]}}}}""");

        var changes = FieldSets.Compare(before, after, typeof(Deployment));

        Assert.Equal([".metadata.labels.b"], changes.Added.Paths().Select(FieldSets.Render));
        Assert.Equal([".spec.replicas"], changes.Modified.Paths().Select(FieldSets.Render));
        Assert.Equal([".spec.template.spec.containers[name=\"b\"]", ".spec.template.spec.containers[name=\"b\"].name"], changes.Removed.Paths().Select(FieldSets.Render));
    }

    [Fact]
    public void Compare_NewMapAndList_RecordsTheContainerButNotStructs()
    {
        var changes = FieldSets.Compare(null, JsonNode.Parse("""{"metadata":{"labels":{"a":"1"}},"data":{"k":"v"}}"""), typeof(ConfigMap));

        Assert.Equal(
            """{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:labels":{".":{},"f:a":{}}}}""",
            changes.Added.ToFieldsV1().GetRawText());
    }
}
