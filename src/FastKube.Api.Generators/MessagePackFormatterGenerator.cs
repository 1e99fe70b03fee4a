using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastKube.Api.Generators;

/// <summary>
/// Writes a MessagePack formatter for every concrete, non-generic class with [WireKey] properties (its own
/// or inherited from an abstract base), a module initializer that registers them with KubeMsgPack, and the
/// schema description behind docs/msgpack-schema.md. Unsupported property types are build errors.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MessagePackFormatterGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<GeneratedType> types = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { TypeParameterList: null },
                static (syntax, cancellationToken) => Analyze(syntax, cancellationToken))
            .Where(static type => type is not null)
            .Select(static (type, _) => type!);

        IncrementalValueProvider<string> generatedNamespace = context.CompilationProvider
            .Select(static (compilation, _) => Names.GeneratedNamespace(compilation.AssemblyName));

        context.RegisterSourceOutput(types.Combine(generatedNamespace), static (output, pair) =>
        {
            GeneratedType type = pair.Left;
            foreach (Diagnostic diagnostic in type.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic);
            }

            // A type with errors gets no formatter, so the build shows the FKMP error rather than compiler
            // errors inside generated code.
            if (!type.HasErrors)
            {
                output.AddSource(type.Model.FormatterName + ".g.cs", FormatterEmitter.Emit(type.Model, pair.Right));
            }
        });

        context.RegisterSourceOutput(types.Collect().Combine(generatedNamespace), static (output, pair) =>
        {
            List<TypeModel> all = pair.Left.Where(t => !t.HasErrors).Select(t => t.Model).OrderBy(t => Names.SchemaName(t.MetadataName), System.StringComparer.Ordinal).ToList();
            output.AddSource("MessagePackSchema.g.cs", SchemaEmitter.Source(all, pair.Right));
            output.AddSource("MessagePackFormatterRegistration.g.cs", SchemaEmitter.Registration(all, pair.Right));
        });
    }

    private static GeneratedType? Analyze(GeneratorSyntaxContext syntax, System.Threading.CancellationToken cancellationToken)
    {
        if (syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, cancellationToken) is not INamedTypeSymbol type
            || !TypeModelBuilder.IsFormattable(type))
        {
            return null;
        }

        // A partial class has several declarations; only the first one produces the formatter.
        if (type.DeclaringSyntaxReferences.Length > 1 && type.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) != syntax.Node)
        {
            return null;
        }

        var diagnostics = new List<Diagnostic>();
        TypeModel model = TypeModelBuilder.Build(type, diagnostics);
        return new GeneratedType(model, FormatterEmitter.Emit(model, string.Empty), diagnostics.ToImmutableArray());
    }

    /// <summary>The pipeline value of one type; equality on its generated text keeps unchanged types cached.</summary>
    private sealed class GeneratedType : System.IEquatable<GeneratedType>
    {
        public GeneratedType(TypeModel model, string fingerprint, ImmutableArray<Diagnostic> diagnostics)
        {
            Model = model;
            Fingerprint = fingerprint + SchemaEmitter.Markdown([model]);
            Diagnostics = diagnostics;
        }

        public TypeModel Model { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

        private string Fingerprint { get; }

        public bool Equals(GeneratedType? other) =>
            other is not null && other.Fingerprint == Fingerprint && other.Diagnostics.SequenceEqual(Diagnostics);

        public override bool Equals(object? obj) => Equals(obj as GeneratedType);

        public override int GetHashCode() => Fingerprint.GetHashCode();
    }
}
