using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FastKube.Client.Configuration;

namespace FastKube.Client.Http;

/// <summary>
/// Server certificate checks: with a kubeconfig CA the chain must end at that CA and no other root (the
/// system store is not consulted, as client-go's rest.TLSClientConfig.CAData), and the name must match the URL.
/// </summary>
internal static class ServerTrust
{
    public static RemoteCertificateValidationCallback? Create(KubeClientConfiguration configuration)
    {
        if (configuration.InsecureSkipTlsVerify)
        {
            return static (_, _, _, _) => true;
        }

        if (configuration.CertificateAuthorities is not { Count: > 0 } roots)
        {
            return null;
        }

        return (_, certificate, chain, errors) => Verify(roots, certificate, chain, errors);
    }

    private static bool Verify(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 leaf || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
