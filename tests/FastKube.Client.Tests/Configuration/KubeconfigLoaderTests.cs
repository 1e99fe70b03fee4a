using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FastKube.Client.Configuration;

namespace FastKube.Client.Tests.Configuration;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fastkube-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parse_EcdsaInline_ResolvesCurrentContext()
    {
        var (ca, client, key) = Pki(ECDsa.Create(ECCurve.NamedCurves.nistP256));

        var config = KubeconfigLoader.Parse(Kubeconfig([$"certificate-authority-data: {Inline(ca)}"], [$"client-certificate-data: {Inline(client)}", $"client-key-data: {Inline(key)}"], ns: "shop"));

        Assert.Equal(new Uri("https://127.0.0.1:6443"), config.Server);
        Assert.Equal("shop", config.Namespace);
        Assert.Single(config.CertificateAuthorities!);
        Assert.True(config.ClientCertificate!.HasPrivateKey);
        Assert.NotNull(config.ClientCertificate.GetECDsaPrivateKey());
    }

    [Fact]
    public void Parse_RsaFilesRelativeToKubeconfig_LoadsKeyPair()
    {
        var (ca, client, key) = Pki(RSA.Create(2048));
        File.WriteAllText(Path.Combine(_dir, "ca.crt"), ca);
        File.WriteAllText(Path.Combine(_dir, "admin.crt"), client);
        File.WriteAllText(Path.Combine(_dir, "admin.key"), key);

        var config = KubeconfigLoader.Parse(Kubeconfig(["certificate-authority: ca.crt"], ["client-certificate: admin.crt", "client-key: admin.key"]), baseDirectory: _dir);

        Assert.NotNull(config.ClientCertificate!.GetRSAPrivateKey());
        Assert.Equal(KubeClientConfiguration.DefaultNamespace, config.Namespace);
    }

    [Fact]
    public void Parse_NamedContext_OverridesCurrentContext()
    {
        var yaml = Kubeconfig([], []).Replace("contexts:\n", "contexts:\n- name: other\n  context:\n    cluster: fastkube\n    namespace: elsewhere\n", StringComparison.Ordinal);

        var config = KubeconfigLoader.Parse(yaml, context: "other");

        Assert.Equal("elsewhere", config.Namespace);
        Assert.Null(config.ClientCertificate);
    }

    [Theory]
    [InlineData("cluster", "server: ftp://x", "clusters[name=fastkube].cluster.server: Invalid value: \"ftp://x\"")]
    [InlineData("user", "client-key-data: not*base64", "users[name=admin].user.client-key-data: Invalid value: not valid base64")]
    [InlineData("context", "missing", "contexts: Not found: no entry named \"missing\"")]
    [InlineData("cluster", "certificate-authority: nowhere.crt", "clusters[name=fastkube].cluster.certificate-authority: Invalid value: \"nowhere.crt\"")]
    [InlineData("user", "client-certificate-data: Zm9v", "users[name=admin].user.client-key-data: Required value")]
    public void Parse_BadField_ErrorNamesTheField(string where, string change, string expected)
    {
        var yaml = where switch
        {
            "cluster" when change.StartsWith("server", StringComparison.Ordinal) => Kubeconfig([], []).Replace("server: https://127.0.0.1:6443", change, StringComparison.Ordinal),
            "cluster" => Kubeconfig([change], []),
            "user" => Kubeconfig([], [change]),
            _ => Kubeconfig([], []).Replace("current-context: fastkube", "current-context: " + change, StringComparison.Ordinal),
        };

        var e = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Parse(yaml, source: "/tmp/kubeconfig", baseDirectory: _dir));

        Assert.StartsWith("/tmp/kubeconfig: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyOfAnotherCertificate_ErrorNamesTheKey()
    {
        var (ca, client, _) = Pki(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var (_, _, otherKey) = Pki(ECDsa.Create(ECCurve.NamedCurves.nistP256));

        var e = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Parse(Kubeconfig([$"certificate-authority-data: {Inline(ca)}"], [$"client-certificate-data: {Inline(client)}", $"client-key-data: {Inline(otherKey)}"])));

        Assert.Contains("users[name=admin].user.client-key-data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var path = Path.Combine(_dir, "absent");

        var e = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(path));

        Assert.Equal($"{path}: no such file", e.Message);
    }

    private static string Inline(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));

    private static string Kubeconfig(string[] clusterFields, string[] userFields, string? ns = null)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: v1\nkind: Config\nclusters:\n- name: fastkube\n  cluster:\n    server: https://127.0.0.1:6443\n");
        foreach (var field in clusterFields)
        {
            text.Append("    ").Append(field).Append('\n');
        }

        text.Append("users:\n- name: admin\n  user:").Append(userFields.Length == 0 ? " {}\n" : "\n");
        foreach (var field in userFields)
        {
            text.Append("    ").Append(field).Append('\n');
        }

        text.Append("contexts:\n- name: fastkube\n  context:\n    cluster: fastkube\n    user: admin\n");
        if (ns is not null)
        {
            text.Append("    namespace: ").Append(ns).Append('\n');
        }

        return text.Append("current-context: fastkube\n").ToString();
    }

    // A CA and a client certificate it signed, with the client key of the given algorithm, all as PEM.
    private static (string Ca, string Client, string Key) Pki(AsymmetricAlgorithm clientKey)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var request = clientKey switch
        {
            ECDsa ec => new CertificateRequest("CN=admin", ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest("CN=admin", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("ECDSA or RSA", nameof(clientKey)),
        };
        // Signed by the ECDSA CA whatever the client's own algorithm, as a cluster CA signs RSA and ECDSA clients alike.
        using var client = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        var key = clientKey switch
        {
            ECDsa ec => ec.ExportECPrivateKeyPem(),
            RSA rsa => rsa.ExportRSAPrivateKeyPem(),
            _ => "",
        };
        clientKey.Dispose();
        return (ca.ExportCertificatePem(), client.ExportCertificatePem(), key);
    }
}
