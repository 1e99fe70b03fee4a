using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastKube.ApiServer.Security;

/// <summary>
/// The cluster's certificates under <c>&lt;data-dir&gt;/pki</c>: a self-signed CA, the API server's
/// serving certificate and the admin client certificate (CN kubernetes-admin, O system:masters, as
/// kubeadm issues it). Created on first start and reused afterwards; the serving certificate is
/// reissued when it no longer names every requested address or is within 30 days of expiry.
/// Keys are ECDSA P-256: TLS handshakes cost a fraction of RSA-2048's, and kubectl (Go) accepts them.
/// </summary>
public sealed class ClusterPki : IDisposable
{
    public const string AdminUser = "kubernetes-admin";
    public const string MastersGroup = "system:masters";

    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);    // kubeadm: CA 10 years
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(365);   // kubeadm: leaf 1 year
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>The API server's identity towards node agents (kubeadm's apiserver-kubelet-client).</summary>
    public const string KubeletClientUser = "kube-apiserver-kubelet-client";

    private ClusterPki(string directory, X509Certificate2 ca, X509Certificate2 serving, X509Certificate2 admin, X509Certificate2 kubeletClient)
    {
        KubeletClientCertificate = kubeletClient;
        Directory = directory;
        CaCertificate = ca;
        ServingCertificate = serving;
        AdminCertificate = admin;
    }

    public string Directory { get; }

    /// <summary>The CA certificate with its private key (needed to issue more certificates).</summary>
    public X509Certificate2 CaCertificate { get; }

    public X509Certificate2 ServingCertificate { get; }

    public X509Certificate2 AdminCertificate { get; }

    /// <summary>Presented to node agents when the API server proxies <c>pods/log</c>.</summary>
    public X509Certificate2 KubeletClientCertificate { get; }

    public static ClusterPki LoadOrCreate(string directory, IReadOnlyCollection<string> dnsNames, IReadOnlyCollection<IPAddress> addresses, TimeProvider time)
    {
        System.IO.Directory.CreateDirectory(directory);
        var now = time.GetUtcNow();
        var ca = LoadOrIssue(directory, "ca", now, _ => true, () => IssueCa(now));
        var serving = LoadOrIssue(directory, "apiserver", now, cert => Covers(cert, dnsNames, addresses) && IssuedBy(cert, ca),
            () => IssueLeaf(ca, new X500DistinguishedName("CN=fastkube-apiserver"), serverAuth: true, dnsNames, addresses, now));
        var admin = LoadOrIssue(directory, "admin", now, cert => IssuedBy(cert, ca),
            () => IssueLeaf(ca, ClientSubject(AdminUser, MastersGroup), serverAuth: false, [], [], now));
        var kubeletClient = LoadOrIssue(directory, "apiserver-kubelet-client", now, cert => IssuedBy(cert, ca),
            () => IssueLeaf(ca, ClientSubject(KubeletClientUser, MastersGroup), serverAuth: false, [], [], now));
        return new ClusterPki(directory, ca, serving, admin, kubeletClient);
    }

    /// <summary>The subject of a client certificate: CN is the user name, each O a group (Kubernetes x509 authentication).</summary>
    public static X500DistinguishedName ClientSubject(string user, params string[] groups)
    {
        var builder = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            builder.AddOrganizationName(group);
        }

        builder.AddCommonName(user);
        return builder.Build();
    }

    /// <summary>Issues a client certificate signed by the cluster CA (for node agents, controllers, tests).</summary>
    public X509Certificate2 IssueClientCertificate(string user, IReadOnlyList<string> groups, TimeProvider time) =>
        IssueLeaf(CaCertificate, ClientSubject(user, [.. groups]), serverAuth: false, [], [], time.GetUtcNow());

    public void Dispose()
    {
        CaCertificate.Dispose();
        ServingCertificate.Dispose();
        AdminCertificate.Dispose();
        KubeletClientCertificate.Dispose();
    }

    private static X509Certificate2 LoadOrIssue(string directory, string name, DateTimeOffset now, Func<X509Certificate2, bool> stillGood, Func<X509Certificate2> issue)
    {
        var certPath = Path.Combine(directory, name + ".crt");
        var keyPath = Path.Combine(directory, name + ".key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore && stillGood(existing))
            {
                return existing;
            }

            existing.Dispose();
        }

        var issued = issue();
        File.WriteAllText(certPath, issued.ExportCertificatePem());
        File.WriteAllText(keyPath, issued.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return issued;
    }

    private static X509Certificate2 IssueCa(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fastkube-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now + CaLifetime);
    }

    private static X509Certificate2 IssueLeaf(X509Certificate2 ca, X500DistinguishedName subject, bool serverAuth,
        IReadOnlyCollection<string> dnsNames, IReadOnlyCollection<IPAddress> addresses, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? CertificateTrust.ServerAuth : CertificateTrust.ClientAuth)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (dnsNames.Count + addresses.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dns in dnsNames)
            {
                san.AddDnsName(dns);
            }

            foreach (var address in addresses)
            {
                san.AddIpAddress(address);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 requires
        var notAfter = now + LeafLifetime < ca.NotAfter ? now + LeafLifetime : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        using var signed = request.Create(ca, now.AddMinutes(-5), notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static bool IssuedBy(X509Certificate2 cert, X509Certificate2 ca) => cert.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData)
        && CertificateTrust.Verify(cert, ca);

    private static bool Covers(X509Certificate2 cert, IReadOnlyCollection<string> dnsNames, IReadOnlyCollection<IPAddress> addresses)
    {
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return dnsNames.Count + addresses.Count == 0;
        }

        var names = san.EnumerateDnsNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ips = san.EnumerateIPAddresses().ToHashSet();
        return dnsNames.All(names.Contains) && addresses.All(ips.Contains);
    }
}
