namespace FastKube.Api.Generators;

/// <summary>The wire shapes a property type can map to (see docs/msgpack-schema.md).</summary>
internal enum ShapeKind
{
    String,
    Boolean,
    Int32,
    Int64,
    Double,
    Timestamp,
    Quantity,
    IntOrString,
    Binary,
    Json,
    Object,
    List,
    Map,
}

/// <summary>A property type resolved to its wire shape; collections nest an element shape.</summary>
internal sealed class Shape
{
    public Shape(ShapeKind kind, string typeName, bool isValueType, Shape? element = null, string? objectName = null)
    {
        Kind = kind;
        TypeName = typeName;
        IsValueType = isValueType;
        Element = element;
        ObjectName = objectName;
    }

    public ShapeKind Kind { get; }

    /// <summary>The non-nullable C# type, fully qualified with global::.</summary>
    public string TypeName { get; }

    public bool IsValueType { get; }

    public Shape? Element { get; }

    /// <summary>For objects: the type's full metadata name (formatter and schema names derive from it).</summary>
    public string? ObjectName { get; }

    /// <summary>How docs/msgpack-schema.md names the shape.</summary>
    public string Describe(bool link = false) => Kind switch
    {
        ShapeKind.String => "str",
        ShapeKind.Boolean => "bool",
        ShapeKind.Int32 => "int (32-bit)",
        ShapeKind.Int64 => "int (64-bit)",
        ShapeKind.Double => "float64",
        ShapeKind.Timestamp => "timestamp (ext -1)",
        ShapeKind.Quantity => "quantity (str)",
        ShapeKind.IntOrString => "int or str",
        ShapeKind.Binary => "bin",
        ShapeKind.Json => "any (raw JSON)",
        ShapeKind.Object => "map: " + (link ? Names.SchemaLink(ObjectName!) : Names.SchemaName(ObjectName!)),
        ShapeKind.List => "array of " + Element!.Describe(link),
        _ => "map of str to " + Element!.Describe(link),
    };
}
