using System.Net;
using System.Security.Cryptography.X509Certificates;
using FastKube.ApiServer.Security;

namespace FastKube.ApiServer.Tests.Security;

public sealed class ClusterPkiTests : IDisposable
{
    private static readonly string[] LocalNames = ["localhost"];
    private static readonly IPAddress[] Loopback = [IPAddress.Loopback];

    private readonly string _dir = Directory.CreateTempSubdirectory("fastkube-pki-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadOrCreate_FreshDirectory_IssuesCertificatesChainingToTheCa()
    {
        using var pki = ClusterPki.LoadOrCreate(_dir, LocalNames, Loopback, TimeProvider.System);

        Assert.True(CertificateTrust.Verify(pki.ServingCertificate, pki.CaCertificate, CertificateTrust.ServerAuth));
        Assert.True(CertificateTrust.Verify(pki.AdminCertificate, pki.CaCertificate, CertificateTrust.ClientAuth));
        Assert.False(CertificateTrust.Verify(pki.AdminCertificate, pki.CaCertificate, CertificateTrust.ServerAuth), "the admin certificate is for clients only");
        var san = pki.ServingCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.Equal("kubernetes-admin", pki.AdminCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Contains("O=system:masters", pki.AdminCertificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrCreate_KeyFiles_AreOwnerOnly()
    {
        using var pki = ClusterPki.LoadOrCreate(_dir, LocalNames, Loopback, TimeProvider.System);

        foreach (var key in Directory.GetFiles(_dir, "*.key"))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public void LoadOrCreate_SecondStart_ReusesEveryCertificate()
    {
        using var first = ClusterPki.LoadOrCreate(_dir, LocalNames, Loopback, TimeProvider.System);
        using var second = ClusterPki.LoadOrCreate(_dir, LocalNames, Loopback, TimeProvider.System);

        Assert.Equal(first.CaCertificate.Thumbprint, second.CaCertificate.Thumbprint);
        Assert.Equal(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        Assert.Equal(first.AdminCertificate.Thumbprint, second.AdminCertificate.Thumbprint);
        Assert.True(second.CaCertificate.HasPrivateKey);
    }

    [Fact]
    public void LoadOrCreate_NewAddress_ReissuesOnlyTheServingCertificate()
    {
        using var first = ClusterPki.LoadOrCreate(_dir, LocalNames, Loopback, TimeProvider.System);
        var nodeAddress = IPAddress.Parse("10.1.2.3");

        using var second = ClusterPki.LoadOrCreate(_dir, LocalNames, [IPAddress.Loopback, nodeAddress], TimeProvider.System);

        Assert.Equal(first.CaCertificate.Thumbprint, second.CaCertificate.Thumbprint);
        Assert.Equal(first.AdminCertificate.Thumbprint, second.AdminCertificate.Thumbprint);
        Assert.NotEqual(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        Assert.Contains(nodeAddress, second.ServingCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses());
    }

    [Fact]
    public void Verify_CertificateOfAnotherCluster_IsRejected()
    {
        using var ours = ClusterPki.LoadOrCreate(_dir, LocalNames, Loopback, TimeProvider.System);
        var otherDir = Directory.CreateTempSubdirectory("fastkube-pki-").FullName;
        try
        {
            using var theirs = ClusterPki.LoadOrCreate(otherDir, LocalNames, Loopback, TimeProvider.System);

            Assert.False(CertificateTrust.Verify(theirs.AdminCertificate, ours.CaCertificate, CertificateTrust.ClientAuth));
        }
        finally
        {
            Directory.Delete(otherDir, recursive: true);
        }
    }

    [Fact]
    public void IssueClientCertificate_UserAndGroups_AreInTheSubject()
    {
        using var pki = ClusterPki.LoadOrCreate(_dir, LocalNames, Loopback, TimeProvider.System);

        using var node = pki.IssueClientCertificate("system:node:n1", ["system:nodes"], TimeProvider.System);

        Assert.True(CertificateTrust.Verify(node, pki.CaCertificate, CertificateTrust.ClientAuth));
        Assert.Equal("system:node:n1", node.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Contains("O=system:nodes", node.Subject, StringComparison.Ordinal);
    }
}
