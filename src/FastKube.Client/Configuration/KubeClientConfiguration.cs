using System.Security.Cryptography.X509Certificates;

namespace FastKube.Client.Configuration;

/// <summary>
/// Where and how to reach one API server: the resolved form of a kubeconfig context (server URL, the CA
/// to trust, the client certificate with its key, the default namespace). Build one directly in code, or
/// with <see cref="KubeconfigLoader"/>.
/// </summary>
public sealed class KubeClientConfiguration
{
    /// <summary>The namespace used when a context names none, as kubectl does.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>The API server's base URL, e.g. https://127.0.0.1:6443.</summary>
    public required Uri Server { get; init; }

    /// <summary>
    /// The only roots the server's certificate may chain to (one CA, or a PEM bundle). Null means the
    /// system's trust store (a kubeconfig without certificate-authority).
    /// </summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>The client certificate with its private key (ECDSA or RSA) presented during the TLS handshake.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A bearer token sent as <c>Authorization: Bearer</c> (kubeconfig users[].user.token).</summary>
    public string? Token { get; init; }

    /// <summary>
    /// Risky: accept any server certificate (kubeconfig insecure-skip-tls-verify). Only for throw-away test clusters.
    /// </summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The namespace of the context; <see cref="DefaultNamespace"/> when it names none.</summary>
    public string Namespace { get; init; } = DefaultNamespace;

    /// <summary>Reads a kubeconfig file and resolves <paramref name="context"/> (its current-context when null).</summary>
    public static KubeClientConfiguration FromKubeconfig(string path, string? context = null) =>
        KubeconfigLoader.Load(path, context);
}
