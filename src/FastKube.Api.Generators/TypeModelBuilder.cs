using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FastKube.Api.Generators;

/// <summary>Turns a class symbol into a <see cref="TypeModel"/>, reporting what cannot be mapped.</summary>
internal static class TypeModelBuilder
{
    private const string WireKeyAttribute = "FastKube.Api.Serialization.WireKeyAttribute";
    private const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";

    private static readonly SymbolDisplayFormat FullyQualified =
        SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>True for a concrete, non-generic class with [WireKey] properties of its own or inherited.</summary>
    public static bool IsFormattable(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Class && !type.IsAbstract && !type.IsStatic && !type.IsGenericType && WireProperties(type).Any();

    public static TypeModel Build(INamedTypeSymbol type, List<Diagnostic> diagnostics)
    {
        var properties = new List<PropertyModel>();
        var byKey = new Dictionary<int, IPropertySymbol>();
        bool constructible = type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);
        foreach ((IPropertySymbol property, int key) in WireProperties(type))
        {
            Location location = property.Locations.FirstOrDefault() ?? Location.None;
            if (key <= 0)
            {
                diagnostics.Add(Diagnostic.Create(GeneratorDiagnostics.InvalidKey, location, key, type.Name, property.Name));
                continue;
            }

            if (byKey.TryGetValue(key, out IPropertySymbol? other))
            {
                diagnostics.Add(Diagnostic.Create(GeneratorDiagnostics.DuplicateKey, location, key, other.Name, property.Name, type.Name));
                continue;
            }

            byKey.Add(key, property);
            if (property.SetMethod is null || property.SetMethod.DeclaredAccessibility != Accessibility.Public || property.GetMethod is null)
            {
                constructible = false;
            }

            Shape? shape = Resolve(property.Type);
            if (shape is null)
            {
                diagnostics.Add(Diagnostic.Create(GeneratorDiagnostics.UnsupportedType, location, type.Name, property.Name, property.Type.ToDisplayString()));
                continue;
            }

            properties.Add(new PropertyModel(property.Name, key, JsonName(property), shape));
        }

        if (!constructible)
        {
            diagnostics.Add(Diagnostic.Create(GeneratorDiagnostics.NotConstructible, type.Locations.FirstOrDefault() ?? Location.None, type.Name));
        }

        properties.Sort((a, b) => a.Key.CompareTo(b.Key));
        return new TypeModel(MetadataName(type), type.ToDisplayString(FullyQualified), properties);
    }

    public static string MetadataName(INamedTypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);

    /// <summary>[WireKey] properties, base classes first (KubeObject's apiVersion, kind, metadata lead).</summary>
    private static IEnumerable<(IPropertySymbol Property, int Key)> WireProperties(INamedTypeSymbol type)
    {
        var chain = new Stack<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Push(current);
        }

        while (chain.Count > 0)
        {
            foreach (ISymbol member in chain.Pop().GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    foreach (AttributeData attribute in property.GetAttributes())
                    {
                        if (attribute.AttributeClass?.ToDisplayString() == WireKeyAttribute
                            && attribute.ConstructorArguments.Length == 1
                            && attribute.ConstructorArguments[0].Value is int key)
                        {
                            yield return (property, key);
                        }
                    }
                }
            }
        }
    }

    private static string JsonName(IPropertySymbol property)
    {
        foreach (AttributeData attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == JsonPropertyNameAttribute
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return Names.CamelCase(property.Name);
    }

    private static Shape? Resolve(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        string name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(FullyQualified);
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return new Shape(ShapeKind.String, "string", isValueType: false);
            case SpecialType.System_Boolean: return new Shape(ShapeKind.Boolean, "bool", isValueType: true);
            case SpecialType.System_Int32: return new Shape(ShapeKind.Int32, "int", isValueType: true);
            case SpecialType.System_Int64: return new Shape(ShapeKind.Int64, "long", isValueType: true);
            case SpecialType.System_Double: return new Shape(ShapeKind.Double, "double", isValueType: true);
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return new Shape(ShapeKind.Binary, "byte[]", isValueType: false);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        string metadataName = MetadataName(named);
        switch (metadataName)
        {
            case "System.DateTimeOffset": return new Shape(ShapeKind.Timestamp, name, isValueType: true);
            case "System.Text.Json.JsonElement": return new Shape(ShapeKind.Json, name, isValueType: true);
            case "FastKube.Api.Resource.Quantity": return new Shape(ShapeKind.Quantity, name, isValueType: true);
            case "FastKube.Api.IntOrString": return new Shape(ShapeKind.IntOrString, name, isValueType: true);
        }

        if (named.IsGenericType)
        {
            string definition = named.OriginalDefinition.ToDisplayString();
            if (definition == "System.Collections.Generic.List<T>")
            {
                Shape? element = Resolve(named.TypeArguments[0]);
                return element is null ? null : new Shape(ShapeKind.List, name, isValueType: false, element);
            }

            if (definition == "System.Collections.Generic.Dictionary<TKey, TValue>" && named.TypeArguments[0].SpecialType == SpecialType.System_String)
            {
                Shape? value = Resolve(named.TypeArguments[1]);
                return value is null ? null : new Shape(ShapeKind.Map, name, isValueType: false, value);
            }

            return null;
        }

        return IsFormattable(named) ? new Shape(ShapeKind.Object, name, isValueType: false, objectName: metadataName) : null;
    }
}
