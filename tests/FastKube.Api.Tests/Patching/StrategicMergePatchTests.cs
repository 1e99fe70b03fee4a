using System.Text.Json.Nodes;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Patching;

namespace FastKube.Api.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    private const string PodJson = """
        {"metadata":{"name":"web","labels":{"app":"web","tier":"fe"},"finalizers":["a/x","b/y"]},
         "spec":{
           "containers":[
             {"name":"web","image":"nginx:1.25","ports":[{"containerPort":80},{"containerPort":443}],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
             {"name":"sidecar","image":"busybox"}],
           "tolerations":[{"key":"k1","operator":"Exists"}],
           "nodeSelector":{"disk":"ssd","zone":"a"},
           "volumes":[{"name":"data","emptyDir":{}}]}}
        """;

    private static JsonNode Patch(string patch, string original = PodJson, Type? type = null)
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(original), JsonNode.Parse(patch), type ?? typeof(Pod));
        Assert.True(result.Status == PatchStatus.Ok, result.Error);
        return result.Document!;
    }

    [Fact]
    public void Apply_ContainerImage_MergesByNameAndKeepsOthers()
    {
        var pod = Patch("""{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}""");

        var containers = pod["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("nginx:1.26", (string?)containers[0]!["image"]);
        Assert.Equal(2, containers[0]!["ports"]!.AsArray().Count);
        Assert.Equal("busybox", (string?)containers[1]!["image"]);
    }

    [Fact]
    public void Apply_NewContainer_IsAppended()
    {
        var pod = Patch("""{"spec":{"containers":[{"name":"log","image":"fluent"}]}}""");

        Assert.Equal(["web", "sidecar", "log"], pod["spec"]!["containers"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void Apply_PatchDeleteElement_RemovesThatContainer()
    {
        var pod = Patch("""{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}""");

        Assert.Equal(["web"], pod["spec"]!["containers"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void Apply_EnvAndPorts_MergeByTheirKeys()
    {
        var pod = Patch("""{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"two"},{"name":"C","value":"3"}],"ports":[{"containerPort":443,"name":"https"}]}]}}""");

        var web = pod["spec"]!["containers"]![0]!;
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"two"},{"name":"C","value":"3"}]""", web["env"]!.ToJsonString());
        Assert.Equal("""[{"containerPort":80},{"containerPort":443,"name":"https"}]""", web["ports"]!.ToJsonString());
    }

    [Fact]
    public void Apply_Tolerations_AreReplacedWhole()
    {
        var pod = Patch("""{"spec":{"tolerations":[{"key":"k2","operator":"Exists"}]}}""");

        Assert.Equal("""[{"key":"k2","operator":"Exists"}]""", pod["spec"]!["tolerations"]!.ToJsonString());
    }

    [Fact]
    public void Apply_Finalizers_MergeAsSetAndDeleteFromPrimitiveList()
    {
        var pod = Patch("""{"metadata":{"finalizers":["b/y","c/z"],"$deleteFromPrimitiveList/finalizers":["a/x"]}}""");

        Assert.Equal("""["b/y","c/z"]""", pod["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Apply_NullLabel_IsRemovedOthersMerge()
    {
        var pod = Patch("""{"metadata":{"labels":{"tier":null,"env":"prod"}}}""");

        Assert.Equal("""{"app":"web","env":"prod"}""", pod["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public void Apply_PatchReplaceOnMap_ReplacesIt()
    {
        var pod = Patch("""{"spec":{"nodeSelector":{"$patch":"replace","zone":"b"}}}""");

        Assert.Equal("""{"zone":"b"}""", pod["spec"]!["nodeSelector"]!.ToJsonString());
    }

    [Fact]
    public void Apply_VolumeSourceChangeWithRetainKeys_DropsTheOldSource()
    {
        var pod = Patch("""{"spec":{"volumes":[{"$retainKeys":["configMap","name"],"name":"data","configMap":{"name":"cfg"}}]}}""");

        Assert.Equal("""[{"name":"data","configMap":{"name":"cfg"}}]""", pod["spec"]!["volumes"]!.ToJsonString());
    }

    [Fact]
    public void Apply_DeploymentStrategyToRecreate_RetainKeysDropsRollingUpdate()
    {
        const string deployment = """{"spec":{"replicas":2,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}}}}""";

        var result = Patch("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""", deployment, typeof(Deployment));

        Assert.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]!.ToJsonString());
        Assert.Equal(2, (int?)result["spec"]!["replicas"]);
    }

    [Fact]
    public void Apply_KubectlApplyStylePatch_UpdatesImageAndHonoursElementOrder()
    {
        const string deployment = """
            {"metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x:1"},{"name":"b","image":"y:1"}]}}}}
            """;
        const string patch = """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
             "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"image":"y:2","name":"b"}]}}}}
            """;

        var result = Patch(patch, deployment, typeof(Deployment));

        Assert.Equal("""[{"name":"b","image":"y:2"},{"name":"a","image":"x:1"}]""", result["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
        Assert.Equal("{}", (string?)result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
    }

    [Fact]
    public void Apply_ListReplaceDirective_ReplacesMergedList()
    {
        var pod = Patch("""{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"i"}]}}""");

        Assert.Equal("""[{"name":"only","image":"i"}]""", pod["spec"]!["containers"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"image":"no-name"}]}}""", "does not contain declared merge key: name")]
    [InlineData("""{"spec":{"$patch":"explode"}}""", "unknown patch type")]
    [InlineData("""{"spec":{"$frobnicate":1}}""", "unknown directive $frobnicate")]
    [InlineData("""[1]""", "must be a JSON object")]
    public void Apply_MalformedPatch_FailsAndLeavesOriginal(string patch, string reason)
    {
        var original = JsonNode.Parse(PodJson);
        var before = original!.ToJsonString();

        var result = StrategicMergePatch.Apply(original, JsonNode.Parse(patch), typeof(Pod));

        Assert.Equal(PatchStatus.InvalidPatch, result.Status);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, original.ToJsonString());
    }
}
