using FastKube.Api;
using FastKube.Api.Core;
using FastKube.Api.Fields;
using FastKube.Api.Labels;
using FastKube.Api.Meta;
using FastKube.Api.Validation;
using FastKube.ApiServer.Registry;
using FastKube.Storage.Memory;

namespace FastKube.ApiServer.Tests.Registry;

public sealed class ResourceStorageTests : IAsyncDisposable
{
    private readonly InMemoryStore _store = new();

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private ResourceStorage Storage(string resource, string group = "")
    {
        Assert.True(KubeTypes.TryGetByResource(group, "v1", resource, out var info));
        return new ResourceStorage(info, _store, MetaOnly(info), TimeProvider.System, new Random(7));
    }

    // The registry under test only needs object-meta validation; per-kind rules are tested with the validators.
    private static ObjectValidator MetaOnly(KubeTypeInfo info) => (obj, _) =>
    {
        var errors = new FieldErrorList();
        MetaValidation.ValidateObjectMeta(obj.Metadata, info.Namespaced, MetaValidation.DnsSubdomain, errors);
        return errors;
    };

    private static Pod NewPod(string name, Action<Pod>? mutate = null)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = name, Labels = new() { ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] },
        };
        mutate?.Invoke(pod);
        return pod;
    }

    [Fact]
    public async Task Create_NewPod_SetsSystemFieldsAndResourceVersion()
    {
        var result = await Storage("pods").CreateAsync(NewPod("web"), "default", dryRun: false, default);

        Assert.Null(result.Error);
        var meta = result.Object!.Metadata!;
        Assert.True(Guid.TryParse(meta.Uid, out _));
        Assert.Equal(_store.CurrentRevision.ToString(System.Globalization.CultureInfo.InvariantCulture), meta.ResourceVersion);
        Assert.Equal(1, meta.Generation);
        Assert.Equal("default", meta.Namespace);
        Assert.Equal("Pod", result.Object.Kind);
        Assert.Equal("v1", result.Object.ApiVersion);
        Assert.InRange(DateTimeOffset.UtcNow - meta.CreationTimestamp!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Create_ExistingName_Returns409AlreadyExists()
    {
        var pods = Storage("pods");
        await pods.CreateAsync(NewPod("web"), "default", false, default);

        var again = await pods.CreateAsync(NewPod("web"), "default", false, default);

        Assert.Equal(409, again.Error!.Code);
        Assert.Equal("AlreadyExists", again.Error.Reason);
        Assert.Equal("pods \"web\" already exists", again.Error.Message);
        Assert.Equal("pods", again.Error.Details!.Kind);
    }

    [Fact]
    public async Task Create_GenerateName_AppendsFiveCharacters()
    {
        var result = await Storage("pods").CreateAsync(NewPod("", p => p.Metadata!.GenerateName = "web-"), "default", false, default);

        Assert.Null(result.Error);
        Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", result.Object!.Metadata!.Name);
    }

    [Fact]
    public async Task Create_NamespaceDiffersFromUrl_Returns400()
    {
        var result = await Storage("pods").CreateAsync(NewPod("web", p => p.Metadata!.Namespace = "other"), "default", false, default);

        Assert.Equal(400, result.Error!.Code);
        Assert.Equal(1, _store.CurrentRevision);
    }

    [Fact]
    public async Task Create_InvalidName_Returns422WithFieldCause()
    {
        var result = await Storage("pods").CreateAsync(NewPod("Web_1"), "default", false, default);

        Assert.Equal(422, result.Error!.Code);
        Assert.Equal("Invalid", result.Error.Reason);
        Assert.Contains(result.Error.Details!.Causes!, c => c.Field == "metadata.name");
        Assert.Equal(1, _store.CurrentRevision);
    }

    [Fact]
    public async Task Create_DryRun_WritesNothing()
    {
        var result = await Storage("pods").CreateAsync(NewPod("web"), "default", dryRun: true, default);

        Assert.Null(result.Error);
        Assert.Equal(1, _store.CurrentRevision);
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Returns409Conflict()
    {
        var pods = Storage("pods");
        var created = (await pods.CreateAsync(NewPod("web"), "default", false, default)).Object!;
        var stale = created.Metadata!.ResourceVersion;
        await pods.UpdateAsync(created, "default", "web", false, false, default);
        var second = NewPod("web", p => p.Metadata!.ResourceVersion = stale);

        var result = await pods.UpdateAsync(second, "default", "web", false, false, default);

        Assert.Equal(409, result.Error!.Code);
        Assert.Equal("Operation cannot be fulfilled on pods \"web\": the object has been modified; please apply your changes to the latest version and try again", result.Error.Message);
    }

    [Fact]
    public async Task Update_SpecChange_BumpsGenerationAndKeepsSystemFieldsAndStatus()
    {
        var pods = Storage("pods");
        var created = (Pod)(await pods.CreateAsync(NewPod("web"), "default", false, default)).Object!;
        await pods.UpdateAsync(NewPod("web", p => p.Status = new PodStatus { Phase = "Running" }), "default", "web", statusOnly: true, false, default);
        var edit = NewPod("web", p =>
        {
            p.Spec!.Containers![0].Image = "busybox:1.36";
            p.Status = new PodStatus { Phase = "Failed" }; // ignored: status changes only through /status
        });

        var updated = (Pod)(await pods.UpdateAsync(edit, "default", "web", false, false, default)).Object!;

        Assert.Equal(2, updated.Metadata!.Generation);
        Assert.Equal(created.Metadata!.Uid, updated.Metadata.Uid);
        Assert.Equal(created.Metadata.CreationTimestamp, updated.Metadata.CreationTimestamp);
        Assert.Equal("Running", updated.Status!.Phase);
        Assert.Equal("busybox:1.36", ((Pod)(await pods.GetAsync("default", "web", default)).Object!).Spec!.Containers![0].Image);
    }

    [Fact]
    public async Task UpdateStatus_SpecInBody_IsIgnored()
    {
        var pods = Storage("pods");
        await pods.CreateAsync(NewPod("web"), "default", false, default);

        var result = await pods.UpdateAsync(NewPod("web", p =>
        {
            p.Spec!.Containers![0].Image = "evil";
            p.Status = new PodStatus { Phase = "Running" };
        }), "default", "web", statusOnly: true, false, default);

        var stored = (Pod)(await pods.GetAsync("default", "web", default)).Object!;
        Assert.Null(result.Error);
        Assert.Equal("busybox", stored.Spec!.Containers![0].Image);
        Assert.Equal("Running", stored.Status!.Phase);
        Assert.Equal(1, stored.Metadata!.Generation);
    }

    [Fact]
    public async Task List_LabelAndFieldSelectors_FilterItems()
    {
        var pods = Storage("pods");
        await pods.CreateAsync(NewPod("a", p => p.Spec!.NodeName = "n1"), "default", false, default);
        await pods.CreateAsync(NewPod("b", p => p.Spec!.NodeName = "n2"), "default", false, default);
        await pods.CreateAsync(NewPod("c", p => p.Metadata!.Labels!["app"] = "db"), "default", false, default);
        await pods.CreateAsync(NewPod("d"), "other", false, default);
        Assert.True(Selector.TryParse("app=web", out var labels, out _));
        Assert.True(FieldSelector.TryParse("spec.nodeName!=n1", out var fields, out _));

        var inDefault = await pods.ListAsync("default", ListOptions.Everything with { Labels = labels, Fields = fields }, default);
        var everywhere = await pods.ListAsync("", ListOptions.Everything with { Labels = labels }, default);

        Assert.Equal(["b"], inDefault.Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["a", "b", "d"], everywhere.Items.Select(p => p.Metadata!.Name));
        Assert.Equal(_store.CurrentRevision, everywhere.Revision);
    }

    [Fact]
    public async Task List_UnsupportedField_Returns400NamingIt()
    {
        Assert.True(FieldSelector.TryParse("spec.nodeName=n1", out var fields, out _));

        var result = await Storage("configmaps").ListAsync("default", ListOptions.Everything with { Fields = fields }, default);

        Assert.Equal(400, result.Error!.Code);
        Assert.Equal("field label not supported: spec.nodeName", result.Error.Message);
    }

    [Fact]
    public async Task List_Paginated_IsOneSnapshotAcrossPages()
    {
        var pods = Storage("pods");
        foreach (var name in new[] { "p1", "p2", "p3", "p4", "p5" })
        {
            await pods.CreateAsync(NewPod(name), "default", false, default);
        }

        var first = await pods.ListAsync("default", ListOptions.Everything with { Limit = 2 }, default);
        await pods.CreateAsync(NewPod("p0"), "default", false, default);
        await pods.DeleteAsync("default", "p4", null, false, default);
        var second = await pods.ListAsync("default", ListOptions.Everything with { Limit = 2, Continue = first.Continue }, default);
        var third = await pods.ListAsync("default", ListOptions.Everything with { Limit = 2, Continue = second.Continue }, default);

        Assert.Equal(["p1", "p2"], first.Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["p3", "p4"], second.Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["p5"], third.Items.Select(p => p.Metadata!.Name));
        Assert.Null(third.Continue);
        Assert.Equal(first.Revision, third.Revision);
    }

    [Fact]
    public async Task List_CorruptContinueToken_Returns400()
    {
        var result = await Storage("pods").ListAsync("default", ListOptions.Everything with { Continue = "not-a-token" }, default);

        Assert.Equal(400, result.Error!.Code);
        Assert.StartsWith("continue key is not valid", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ResourceVersionAheadOfStore_Returns504TooLarge()
    {
        var result = await Storage("pods").ListAsync("default", ListOptions.Everything with { ResourceVersion = "999" }, default);

        Assert.Equal(504, result.Error!.Code);
        Assert.StartsWith("Too large resource version: 999", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ExactRevisionBelowCompaction_Returns410Expired()
    {
        var pods = Storage("pods");
        await pods.CreateAsync(NewPod("a"), "default", false, default);
        await pods.CreateAsync(NewPod("b"), "default", false, default);
        await _store.CompactAsync(_store.CurrentRevision);

        var result = await pods.ListAsync("default", ListOptions.Everything with { ResourceVersion = "2", ResourceVersionMatch = "Exact" }, default);

        Assert.Equal(410, result.Error!.Code);
        Assert.Equal("Expired", result.Error.Reason);
    }

    [Fact]
    public async Task Delete_ObjectWithoutFinalizers_IsGoneAtOnce()
    {
        var configMaps = Storage("configmaps");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cfg" } }, "default", false, default);

        var deleted = await configMaps.DeleteAsync("default", "cfg", null, false, default);

        Assert.Null(deleted.Error);
        Assert.Equal(404, (await configMaps.GetAsync("default", "cfg", default)).Error!.Code);
    }

    [Fact]
    public async Task Delete_ScheduledPod_IsGracefulUntilGracePeriodZero()
    {
        var pods = Storage("pods");
        await pods.CreateAsync(NewPod("web", p => p.Spec!.NodeName = "n1"), "default", false, default);

        var graceful = await pods.DeleteAsync("default", "web", null, false, default);
        var stillThere = await pods.GetAsync("default", "web", default);
        var final = await pods.DeleteAsync("default", "web", new DeleteOptions { GracePeriodSeconds = 0 }, false, default);

        Assert.Equal(30, graceful.Object!.Metadata!.DeletionGracePeriodSeconds);
        Assert.NotNull(stillThere.Object!.Metadata!.DeletionTimestamp);
        Assert.Null(final.Error);
        Assert.Equal(404, (await pods.GetAsync("default", "web", default)).Error!.Code);
    }

    [Fact]
    public async Task Delete_WithFinalizer_WaitsForItsRemoval()
    {
        var configMaps = Storage("configmaps");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cfg", Finalizers = ["example.com/hold"] } }, "default", false, default);

        var deleting = await configMaps.DeleteAsync("default", "cfg", null, false, default);
        var held = (await configMaps.GetAsync("default", "cfg", default)).Object!;
        held.Metadata!.Finalizers = null;
        var released = await configMaps.UpdateAsync(held, "default", "cfg", false, false, default);

        Assert.NotNull(deleting.Object!.Metadata!.DeletionTimestamp);
        Assert.Null(released.Error);
        Assert.Equal(404, (await configMaps.GetAsync("default", "cfg", default)).Error!.Code);
    }

    [Fact]
    public async Task Delete_OrphanPropagation_AddsOrphanFinalizer()
    {
        var configMaps = Storage("configmaps");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cfg" } }, "default", false, default);

        var result = await configMaps.DeleteAsync("default", "cfg", new DeleteOptions { PropagationPolicy = DeletionPropagation.Orphan }, false, default);

        Assert.Equal(["orphan"], result.Object!.Metadata!.Finalizers!);
        Assert.NotNull((await configMaps.GetAsync("default", "cfg", default)).Object);
    }

    [Fact]
    public async Task Delete_UidPreconditionMismatch_Returns409AndKeepsObject()
    {
        var configMaps = Storage("configmaps");
        await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cfg" } }, "default", false, default);

        var result = await configMaps.DeleteAsync("default", "cfg", new DeleteOptions { Preconditions = new Preconditions { Uid = "nope" } }, false, default);

        Assert.Equal(409, result.Error!.Code);
        Assert.Contains("Precondition failed: UID in precondition: nope", result.Error.Message, StringComparison.Ordinal);
        Assert.NotNull((await configMaps.GetAsync("default", "cfg", default)).Object);
    }
}
