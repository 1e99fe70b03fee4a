using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastKube.ApiServer.Security;

/// <summary>Chain validation against the cluster CA alone (never the machine's trust store).</summary>
internal static class CertificateTrust
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/>, is in its validity period, and (when given) allows the extended key usage.</summary>
    public static bool Verify(X509Certificate2 certificate, X509Certificate2 ca, string? requiredUsage = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (requiredUsage is not null)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(requiredUsage));
        }

        return chain.Build(certificate);
    }
}
