using FastKube.Api.Core;
using FastKube.Api.Labels;
using FastKube.Api.Meta;
using FastKube.Controllers.Common;

namespace FastKube.Controllers.Tests.Common;

public sealed class ControllerRefsTests
{
    private static readonly ObjectMeta Owner = new() { Name = "web", Uid = "me" };

    private static Pod Pod(string name, string app, string? controllerUid, bool deleting = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Labels = new() { ["app"] = app },
            DeletionTimestamp = deleting ? DateTimeOffset.UnixEpoch : null,
            OwnerReferences = controllerUid is null ? null : [new OwnerReference { Uid = controllerUid, Controller = true, Name = "x", Kind = "ReplicaSet" }],
        },
    };

    [Fact]
    public void Classify_OwnsAdoptsReleasesAndLeavesOthersAlone()
    {
        Assert.True(Selector.TryParse("app=web", out var selector, out _));
        Pod[] pods = [Pod("mine", "web", "me"), Pod("orphan", "web", null), Pod("relabelled", "db", "me"), Pod("theirs", "web", "someone-else"), Pod("orphan-going", "web", null, deleting: true), Pod("stranger", "db", null)];

        var claim = ControllerRefs.Classify(Owner, selector, pods);

        Assert.Equal(["mine"], claim.Owned.Select(p => p.Metadata!.Name));
        Assert.Equal(["orphan"], claim.Adopt.Select(p => p.Metadata!.Name));
        Assert.Equal(["relabelled"], claim.Release.Select(p => p.Metadata!.Name));
    }

    [Fact]
    public void Classify_OwnerBeingDeleted_NeitherAdoptsNorReleases()
    {
        Assert.True(Selector.TryParse("app=web", out var selector, out _));
        var deleting = new ObjectMeta { Name = "web", Uid = "me", DeletionTimestamp = DateTimeOffset.UnixEpoch };

        var claim = ControllerRefs.Classify(deleting, selector, [Pod("orphan", "web", null), Pod("relabelled", "db", "me")]);

        Assert.Empty(claim.Adopt);
        Assert.Empty(claim.Release);
        Assert.Equal(["relabelled"], claim.Owned.Select(p => p.Metadata!.Name));
    }
}
