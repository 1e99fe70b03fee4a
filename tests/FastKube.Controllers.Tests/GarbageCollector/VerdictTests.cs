using FastKube.Api.Meta;
using FastKube.Controllers.GarbageCollector;

namespace FastKube.Controllers.Tests.GarbageCollector;

public sealed class VerdictTests
{
    private static OwnerReference Ref(string uid) => new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs-" + uid, Uid = uid };

    private static ObjectMeta Dependent(Action<ObjectMeta>? mutate = null)
    {
        var meta = new ObjectMeta { Name = "pod", Namespace = "default", Uid = "dep" };
        mutate?.Invoke(meta);
        return meta;
    }

    [Fact]
    public void Decide_AllOwnersDangling_DeletesInTheBackground()
    {
        var verdict = Verdict.Decide(Dependent(), [(Ref("a"), OwnerState.Dangling), (Ref("b"), OwnerState.Dangling)], hasDependents: false);

        Assert.Equal(DeletionPropagation.Background, verdict.DeletePolicy);
        Assert.Empty(verdict.RemoveOwnerUids);
    }

    [Fact]
    public void Decide_OneSolidOwner_KeepsItAndDropsTheDanglingAndWaitingReferences()
    {
        var verdict = Verdict.Decide(Dependent(), [(Ref("a"), OwnerState.Solid), (Ref("b"), OwnerState.Dangling), (Ref("c"), OwnerState.WaitingForDependents)], hasDependents: false);

        Assert.Null(verdict.DeletePolicy);
        Assert.Equal(["b", "c"], verdict.RemoveOwnerUids);
    }

    [Fact]
    public void Decide_AllSolid_Keeps()
    {
        Assert.Same(Verdict.Keep, Verdict.Decide(Dependent(), [(Ref("a"), OwnerState.Solid)], hasDependents: true));
    }

    [Fact]
    public void Decide_UnresolvableOwner_NeverDeletes()
    {
        var verdict = Verdict.Decide(Dependent(), [(Ref("a"), OwnerState.Unresolvable), (Ref("b"), OwnerState.Dangling)], hasDependents: false);

        Assert.Null(verdict.DeletePolicy);
        Assert.Equal(["b"], verdict.RemoveOwnerUids);
    }

    [Fact]
    public void Decide_OwnerWaitingAndDependentHasDependents_DeletesInTheForeground()
    {
        var verdict = Verdict.Decide(Dependent(), [(Ref("a"), OwnerState.WaitingForDependents)], hasDependents: true);

        Assert.Equal(DeletionPropagation.Foreground, verdict.DeletePolicy);
    }

    [Fact]
    public void Decide_OwnerWaitingAndNoDependents_DeletesInTheBackground()
    {
        Assert.Equal(DeletionPropagation.Background, Verdict.Decide(Dependent(), [(Ref("a"), OwnerState.WaitingForDependents)], hasDependents: false).DeletePolicy);
    }

    [Fact]
    public void Decide_DependentCarryingOrphanFinalizer_DeletesWithOrphan()
    {
        var verdict = Verdict.Decide(Dependent(m => m.Finalizers = ["orphan"]), [(Ref("a"), OwnerState.Dangling)], hasDependents: true);

        Assert.Equal(DeletionPropagation.Orphan, verdict.DeletePolicy);
    }

    [Fact]
    public void Decide_DependentAlreadyBeingDeleted_Keeps()
    {
        Assert.Same(Verdict.Keep, Verdict.Decide(Dependent(m => m.DeletionTimestamp = DateTimeOffset.UnixEpoch), [(Ref("a"), OwnerState.Dangling)], hasDependents: false));
    }
}
