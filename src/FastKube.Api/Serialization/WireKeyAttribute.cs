namespace FastKube.Api.Serialization;

/// <summary>
/// The stable MessagePack map key of an API property. Keys are small integers (like protobuf field
/// numbers) so the binary form carries no field names; they never change once shipped, so a new
/// field takes the next free number. The source generator writes a formatter for every class that
/// has such properties, and docs/msgpack-schema.md lists them for clients in other languages.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class WireKeyAttribute(int id) : Attribute
{
    public int Id { get; } = id;
}
