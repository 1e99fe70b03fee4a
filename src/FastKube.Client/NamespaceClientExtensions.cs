using FastKube.Api.Core;

namespace FastKube.Client;

/// <summary>Namespace-only subresources.</summary>
public static class NamespaceClientExtensions
{
    /// <summary>
    /// Replaces the namespace's spec.finalizers (PUT namespaces/{name}/finalize), as the namespace controller does
    /// once the namespace is empty; a terminating namespace left with no finalizers is then removed by the server.
    /// </summary>
    public static Task<Namespace> FinalizeAsync(this ResourceClient<Namespace> namespaces, Namespace ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(ns);
        var name = ns.Metadata?.Name ?? throw new ArgumentException("the namespace has no metadata.name", nameof(ns));
        return namespaces.PutAsync(name, "finalize", ns, cancellationToken);
    }
}
