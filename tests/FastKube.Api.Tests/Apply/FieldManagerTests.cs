using System.Text.Json.Nodes;
using FastKube.Api.Apply;
using FastKube.Api.Apps;
using FastKube.Api.Core;
using FastKube.Api.Meta;

namespace FastKube.Api.Tests.Apply;

public sealed class FieldManagerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ApplyRequest Applier(string manager = "deployer", bool force = false, int minute = 0) =>
        new(manager, "apps/v1", "", HasStatus: true, force, T0.AddMinutes(minute));

    private static ApplyRequest Updater(string manager, string subresource = "", int minute = 0) =>
        new(manager, "apps/v1", subresource, HasStatus: true, Force: false, T0.AddMinutes(minute));

    private static JsonObject Json(string text) => (JsonObject)JsonNode.Parse(text)!;

    private static ApplyOutcome Apply(JsonObject? live, List<ManagedFieldsEntry>? entries, string config, ApplyRequest? request = null) =>
        FieldManager.Apply(live, entries, Json(config), typeof(Deployment), request ?? Applier());

    [Fact]
    public void Apply_NewObject_TakesTheConfigurationAndOwnsIt()
    {
        var outcome = Apply(null, null, FieldSetsTests.Deployment);

        Assert.True(outcome.Succeeded);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(FieldSetsTests.Deployment), outcome.Object));
        var entry = Assert.Single(outcome.ManagedFields!);
        Assert.Equal(("deployer", "Apply", "apps/v1", "FieldsV1", T0), (entry.Manager, entry.Operation, entry.ApiVersion, entry.FieldsType, entry.Time));
    }

    [Fact]
    public void Apply_SameConfigurationAgain_KeepsEntriesUnchanged()
    {
        var first = Apply(null, null, FieldSetsTests.Deployment);

        var second = Apply(first.Object, first.ManagedFields, FieldSetsTests.Deployment, Applier(minute: 5));

        Assert.Equal(T0, Assert.Single(second.ManagedFields!).Time);
        Assert.True(JsonNode.DeepEquals(first.Object, second.Object));
    }

    [Fact]
    public void Apply_FieldChangedByAnotherManager_ConflictsWithUpstreamMessage()
    {
        var (live, entries) = Scaled(5);

        var outcome = Apply(live, entries, FieldSetsTests.Deployment);

        Assert.False(outcome.Succeeded);
        var conflict = Assert.Single(outcome.Conflicts);
        Assert.Equal(".spec.replicas", conflict.Path);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas", FieldManager.ConflictMessage(outcome.Conflicts));
    }

    [Fact]
    public void Apply_Forced_TakesTheFieldFromTheOtherManager()
    {
        var (live, entries) = Scaled(5);

        var outcome = Apply(live, entries, FieldSetsTests.Deployment, Applier(force: true, minute: 2));

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, (int)outcome.Object!["spec"]!["replicas"]!);
        Assert.DoesNotContain(outcome.ManagedFields!, e => e.Manager == "kubectl");
    }

    [Fact]
    public void Apply_SameValueAsAnotherOwner_SharesOwnershipWithoutConflict()
    {
        var (live, entries) = Scaled(3);

        var outcome = Apply(live, entries, FieldSetsTests.Deployment.Replace("\"replicas\":2", "\"replicas\":3", StringComparison.Ordinal));

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.ManagedFields!.Count);
    }

    [Fact]
    public void Apply_LabelDroppedFromConfiguration_IsRemovedUnlessOthersOwnIt()
    {
        var first = Apply(null, null, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web","tier":"a","team":"x"}}}""");
        var edited = Json(first.Object!.ToJsonString());
        var entries = FieldManager.Update(first.Object, edited, first.ManagedFields, typeof(Deployment), Updater("labeller", minute: 1));
        edited["metadata"]!["labels"]!["team"] = "y";
        entries = FieldManager.Update(first.Object, edited, first.ManagedFields, typeof(Deployment), Updater("labeller", minute: 1));

        var outcome = Apply(edited, entries, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}}}""", Applier(minute: 2));

        Assert.Equal("""{"app":"web","team":"y"}""", outcome.Object!["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public void Apply_AllLabelsDropped_RemovesTheMap()
    {
        var first = Apply(null, null, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":1}}""");

        var outcome = Apply(first.Object, first.ManagedFields, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1}}""", Applier(minute: 1));

        Assert.Equal("""{"name":"web"}""", outcome.Object!["metadata"]!.ToJsonString());
    }

    [Fact]
    public void Apply_KeyedListItem_MergesWithFieldsOthersSet()
    {
        var first = Apply(null, null, FieldSetsTests.Deployment);
        var live = Json(first.Object!.ToJsonString());
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "Always";
        live["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Add(new JsonObject { ["name"] = "sidecar", ["image"] = "busybox" });
        var entries = FieldManager.Update(first.Object, live, first.ManagedFields, typeof(Deployment), Updater("editor", minute: 1));

        var outcome = Apply(live, entries, FieldSetsTests.Deployment.Replace("nginx:1.25", "nginx:1.27", StringComparison.Ordinal), Applier(minute: 2));

        var containers = outcome.Object!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["web", "sidecar"], containers.Select(c => (string)c!["name"]!));
        Assert.Equal("nginx:1.27", (string)containers[0]!["image"]!);
        Assert.Equal("Always", (string)containers[0]!["imagePullPolicy"]!);
    }

    [Fact]
    public void Apply_ContainerDroppedFromConfiguration_IsRemoved()
    {
        var two = FieldSetsTests.Deployment.Replace("""[{"name":"web",""", """[{"name":"extra","image":"busybox"},{"name":"web",""", StringComparison.Ordinal);
        var first = Apply(null, null, two);

        var outcome = Apply(first.Object, first.ManagedFields, FieldSetsTests.Deployment, Applier(minute: 1));

        Assert.Equal(["web"], outcome.Object!["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Fact]
    public void Apply_AtomicListAndSet_ReplaceAndUnion()
    {
        const string Config = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","finalizers":["a"]},"spec":{"containers":[{"name":"c"}],"tolerations":[{"key":"x"}]}}""";
        var live = Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","finalizers":["b"]},"spec":{"containers":[{"name":"c"}],"tolerations":[{"key":"y"},{"key":"z"}]}}""");

        var outcome = FieldManager.Apply(live, null, Json(Config), typeof(Pod), Applier() with { ApiVersion = "v1" });

        Assert.Equal("""["b","a"]""", outcome.Object!["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""[{"key":"x"}]""", outcome.Object!["spec"]!["tolerations"]!.ToJsonString());
    }

    [Fact]
    public void Apply_StatusInConfiguration_IsNeitherMergedNorOwned()
    {
        var outcome = Apply(null, null, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1},"status":{"replicas":9}}""");

        Assert.Null(outcome.Object!["status"]);
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", outcome.ManagedFields![0].FieldsV1!.Value.GetRawText());
    }

    [Fact]
    public void ConflictMessage_SeveralManagers_GroupsSortedByManager()
    {
        var conflicts = new[]
        {
            new ApplyConflict(new ManagerIdentity("z", "Apply", "", ""), ".spec.replicas"),
            new ApplyConflict(new ManagerIdentity("a", "Update", "apps/v1", ""), ".spec.paused"),
            new ApplyConflict(new ManagerIdentity("z", "Apply", "", ""), ".metadata.labels.app"),
        };

        Assert.Equal(
            "Apply failed with 3 conflicts: conflicts with \"a\" using apps/v1:\n- .spec.paused\nconflicts with \"z\":\n- .spec.replicas\n- .metadata.labels.app",
            FieldManager.ConflictMessage(conflicts));
    }

    [Fact]
    public void Update_OtherManagersLoseChangedFields_WriterGainsThem()
    {
        var first = Apply(null, null, FieldSetsTests.Deployment);
        var (live, entries) = Scaled(7);

        var editor = Assert.Single(entries!, e => e.Manager == "kubectl");
        Assert.Equal("Update", editor.Operation);
        Assert.Equal("scale", editor.Subresource);
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", editor.FieldsV1!.Value.GetRawText());
        Assert.DoesNotContain(".spec.replicas", Owned(entries!, "deployer"));
        Assert.Contains(".spec.replicas", Owned(first.ManagedFields!, "deployer"));
        Assert.Equal(7, (int)live["spec"]!["replicas"]!);
    }

    [Fact]
    public void Update_NothingChanged_KeepsTheEntriesAsTheyWere()
    {
        var first = Apply(null, null, FieldSetsTests.Deployment);

        var entries = FieldManager.Update(first.Object, first.Object!, first.ManagedFields, typeof(Deployment), Updater("editor", minute: 3));

        var entry = Assert.Single(entries!);
        Assert.Equal(("deployer", T0), (entry.Manager, entry.Time));
    }

    // Applies the sample Deployment (2 replicas), then "kubectl scale" sets replicas through the scale subresource.
    private static (JsonObject Live, List<ManagedFieldsEntry>? Entries) Scaled(int replicas)
    {
        var first = Apply(null, null, FieldSetsTests.Deployment);
        var live = Json(first.Object!.ToJsonString());
        live["spec"]!["replicas"] = replicas;
        return (live, FieldManager.Update(first.Object, live, first.ManagedFields, typeof(Deployment), Updater("kubectl", "scale", minute: 1)));
    }

    private static List<string> Owned(List<ManagedFieldsEntry> entries, string manager)
    {
        var entry = entries.Single(e => e.Manager == manager);
        Assert.True(FieldSet.TryParseFieldsV1(entry.FieldsV1!.Value, out var set, out _));
        return [.. set.Paths().Select(FieldSets.Render)];
    }
}
