namespace FastKube.Api.Apply;

/// <summary>Who writes, how, and at which version: the parameters of <see cref="FieldManager"/>'s operations.</summary>
/// <param name="Manager">The field manager (the request's fieldManager, or the user agent's first segment).</param>
/// <param name="ApiVersion">The group/version of the object written (apps/v1).</param>
/// <param name="Subresource">"" for the main resource, "status" or "scale" for a subresource.</param>
/// <param name="HasStatus">The type has a status subresource: the main resource then does not own status.</param>
/// <param name="Force">Apply only: take fields other managers own instead of failing with conflicts.</param>
/// <param name="Now">The time stamped on the writer's entry (second precision, as meta/v1 Time).</param>
public sealed record ApplyRequest(string Manager, string ApiVersion, string Subresource, bool HasStatus, bool Force, DateTimeOffset Now);
