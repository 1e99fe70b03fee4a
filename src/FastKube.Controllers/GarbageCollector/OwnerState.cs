namespace FastKube.Controllers.GarbageCollector;

/// <summary>What the garbage collector found at the other end of one ownerReference (upstream's classifyReferences).</summary>
internal enum OwnerState
{
    /// <summary>The owner exists with the referenced uid and is not deleting its dependents first.</summary>
    Solid,

    /// <summary>No object of that kind, name and uid: absent, or replaced by one with another uid.</summary>
    Dangling,

    /// <summary>The owner is being deleted in the foreground (foregroundDeletion finalizer): its dependents go first.</summary>
    WaitingForDependents,

    /// <summary>The reference names a kind this server does not serve: the collector leaves the dependent alone.</summary>
    Unresolvable,
}
