using FastKube.Api.Meta;

namespace FastKube.Controllers.GarbageCollector;

/// <summary>What to do with a dependent: nothing, drop some ownerReferences, or delete it with a propagation policy.</summary>
internal sealed record Verdict(IReadOnlyList<string> RemoveOwnerUids, string? DeletePolicy)
{
    public static readonly Verdict Keep = new([], null);

    /// <summary>
    /// Upstream's attemptToDeleteItem as a pure decision. A dependent with at least one solid (or unresolvable)
    /// owner stays, losing only its references to dangling owners and to owners waiting on their dependents (else
    /// those owners would wait on it forever). A dependent with no such owner is deleted: in the foreground when an
    /// owner waits on it and it has dependents of its own (so the wait reaches down the chain), else as its own
    /// finalizers ask (orphan, foreground) or in the background.
    /// </summary>
    public static Verdict Decide(ObjectMeta dependent, IReadOnlyList<(OwnerReference Reference, OwnerState State)> owners, bool hasDependents)
    {
        if (owners.Count == 0 || dependent.DeletionTimestamp is not null)
        {
            return Keep;
        }

        if (owners.Any(o => o.State is OwnerState.Solid or OwnerState.Unresolvable))
        {
            var remove = owners.Where(o => o.State is OwnerState.Dangling or OwnerState.WaitingForDependents).Select(o => o.Reference.Uid ?? "").ToList();
            return remove.Count == 0 ? Keep : new Verdict(remove, null);
        }

        var finalizers = dependent.Finalizers ?? [];
        var policy = owners.Any(o => o.State == OwnerState.WaitingForDependents) && hasDependents ? DeletionPropagation.Foreground
            : finalizers.Contains(Finalizers.Orphan) ? DeletionPropagation.Orphan
            : finalizers.Contains(Finalizers.Foreground) ? DeletionPropagation.Foreground
            : DeletionPropagation.Background;
        return new Verdict([], policy);
    }
}
