using FastKube.Api.Core;
using FastKube.Controllers.Namespaces;

namespace FastKube.Controllers.Tests.Namespaces;

public sealed class NamespaceConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ContentReport Report(Dictionary<string, int>? remaining = null, Dictionary<string, int>? finalizers = null, List<string>? failed = null) =>
        new(failed ?? [], remaining ?? [], finalizers ?? []);

    [Fact]
    public void Build_ContentAndFinalizersRemaining_ReportsThemSortedWithUpstreamMessages()
    {
        var conditions = NamespaceConditions.Build(
            Report(new() { ["replicasets.apps"] = 1, ["pods."] = 3 }, new() { ["example.com/hold"] = 2 }), null, T0);

        var content = conditions.Single(c => c.Type == NamespaceConditions.ContentRemaining);
        Assert.Equal(("True", "SomeResourcesRemain"), (content.Status, content.Reason));
        Assert.Equal("Some resources are remaining: pods. has 3 resource instances, replicasets.apps has 1 resource instances", content.Message);
        var finalizers = conditions.Single(c => c.Type == NamespaceConditions.FinalizersRemaining);
        Assert.Equal("Some content in the namespace has finalizers remaining: example.com/hold in 2 resource instances", finalizers.Message);
        Assert.Equal(("False", "ResourcesDiscovered"), conditions.Where(c => c.Type == NamespaceConditions.DiscoveryFailure).Select(c => (c.Status, c.Reason)).Single());
        Assert.All(conditions, c => Assert.Equal(T0, c.LastTransitionTime));
    }

    [Fact]
    public void Build_Empty_ReportsEverythingRemoved()
    {
        var conditions = NamespaceConditions.Build(Report(), null, T0);

        Assert.Equal(5, conditions.Count);
        Assert.Equal(("False", "ContentRemoved"), conditions.Where(c => c.Type == NamespaceConditions.ContentRemaining).Select(c => (c.Status, c.Reason)).Single());
        Assert.Equal(("False", "ContentHasNoFinalizers"), conditions.Where(c => c.Type == NamespaceConditions.FinalizersRemaining).Select(c => (c.Status, c.Reason)).Single());
        Assert.True(Report().Done);
    }

    [Fact]
    public void Build_DeletionFailed_ReportsContentDeletionFailedAndIsNotDone()
    {
        var report = Report(failed: ["widgets.example.com", "pods."]);

        var failure = NamespaceConditions.Build(report, null, T0).Single(c => c.Type == NamespaceConditions.ContentFailure);

        Assert.Equal(("True", "ContentDeletionFailed", "Failed to delete all resource types, 2 remaining: pods., widgets.example.com"), (failure.Status, failure.Reason, failure.Message));
        Assert.False(report.Done);
    }

    [Fact]
    public void Build_StatusUnchanged_KeepsTransitionTimeAndIsTheSame()
    {
        var first = NamespaceConditions.Build(Report(new() { ["pods."] = 1 }), null, T0);

        var later = NamespaceConditions.Build(Report(new() { ["pods."] = 1 }), first, T0.AddMinutes(1));
        var emptied = NamespaceConditions.Build(Report(), first, T0.AddMinutes(2));

        Assert.True(NamespaceConditions.Same(first, later));
        Assert.Equal(T0, later.Single(c => c.Type == NamespaceConditions.ContentRemaining).LastTransitionTime);
        Assert.Equal(T0.AddMinutes(2), emptied.Single(c => c.Type == NamespaceConditions.ContentRemaining).LastTransitionTime);
        Assert.Equal(T0, emptied.Single(c => c.Type == NamespaceConditions.DiscoveryFailure).LastTransitionTime);
        Assert.False(NamespaceConditions.Same(first, emptied));
    }

    [Fact]
    public void GroupResource_CoreGroup_EndsWithADot()
    {
        Assert.Equal("pods.", NamespaceConditions.GroupResource("", "pods"));
        Assert.Equal("deployments.apps", NamespaceConditions.GroupResource("apps", "deployments"));
    }
}
