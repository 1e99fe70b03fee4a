namespace FastKube.Api.Apply;

/// <summary>A field an apply would change that another manager owns; <see cref="Path"/> prints as upstream (<c>.spec.replicas</c>).</summary>
public sealed record ApplyConflict(ManagerIdentity Manager, string Path);
