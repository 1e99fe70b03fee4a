using Microsoft.CodeAnalysis;

namespace FastKube.Api.Generators;

/// <summary>Errors the generator reports; all are errors so an unsupported API type fails the build.</summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "FastKube.MessagePack";

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "FKMP001",
        "Unsupported wire type",
        "Property '{0}.{1}' has type '{2}', which has no MessagePack mapping (supported: string, bool, int, long, double, DateTimeOffset, Quantity, IntOrString, byte[], JsonElement, API classes, List<T>, Dictionary<string, T>)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateKey = new(
        "FKMP002",
        "Duplicate wire key",
        "Wire key {0} is used by both '{1}' and '{2}' in '{3}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidKey = new(
        "FKMP003",
        "Invalid wire key",
        "Wire key {0} of '{1}.{2}' must be a positive integer",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotConstructible = new(
        "FKMP004",
        "Type cannot be read",
        "'{0}' needs a public parameterless constructor and public setters on its [WireKey] properties to be read from MessagePack",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
