using System.Collections.Generic;

namespace FastKube.Api.Generators;

/// <summary>One [WireKey] property of a formatted type.</summary>
internal sealed class PropertyModel
{
    public PropertyModel(string name, int key, string jsonName, Shape shape)
    {
        Name = name;
        Key = key;
        JsonName = jsonName;
        Shape = shape;
    }

    public string Name { get; }

    public int Key { get; }

    public string JsonName { get; }

    public Shape Shape { get; }
}

/// <summary>A class that gets a formatter: its names and its wire properties ordered by key.</summary>
internal sealed class TypeModel
{
    public TypeModel(string metadataName, string typeName, IReadOnlyList<PropertyModel> properties)
    {
        MetadataName = metadataName;
        TypeName = typeName;
        Properties = properties;
    }

    /// <summary>Namespace-qualified name without global:: (e.g. FastKube.Api.Meta.ObjectMeta).</summary>
    public string MetadataName { get; }

    /// <summary>The C# type with global::.</summary>
    public string TypeName { get; }

    public IReadOnlyList<PropertyModel> Properties { get; }

    public string FormatterName => Names.FormatterName(MetadataName);
}
