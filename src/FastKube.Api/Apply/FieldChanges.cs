namespace FastKube.Api.Apply;

/// <summary>The paths one write added, modified and removed.</summary>
public sealed record FieldChanges(FieldSet Added, FieldSet Modified, FieldSet Removed);
