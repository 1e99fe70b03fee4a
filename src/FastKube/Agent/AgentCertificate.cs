using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastKube.Agent;

/// <summary>
/// The agent's HTTPS serving certificate, self-signed as the kubelet's is when no certificate is configured
/// (its <c>{certDir}/kubelet.crt</c>): the API server does not verify agent certificates by default, so a
/// self-signed one is enough. Kept under <c>{rootDirectory}/pki</c> and reissued when it no longer names the
/// node's address or is within 30 days of expiry.
/// </summary>
internal static class AgentCertificate
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static X509Certificate2 LoadOrCreate(string directory, string nodeName, IPAddress address)
    {
        Directory.CreateDirectory(directory);
        var certPath = Path.Combine(directory, "kubelet.crt");
        var keyPath = Path.Combine(directory, "kubelet.key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            var san = existing.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
            if (existing.NotAfter.ToUniversalTime() - DateTime.UtcNow > RenewBefore && san is not null && san.EnumerateIPAddresses().Contains(address))
            {
                return existing;
            }

            existing.Dispose();
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        // The kubelet names its self-signed certificate "{host}@{unix time}".
        var request = new CertificateRequest($"CN={nodeName}@{now.ToUnixTimeSeconds()}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(nodeName);
        names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        var issued = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);
        File.WriteAllText(certPath, issued.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return issued;
    }
}
