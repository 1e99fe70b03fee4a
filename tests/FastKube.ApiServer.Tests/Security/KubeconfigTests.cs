using System.Net;
using FastKube.ApiServer.Security;

namespace FastKube.ApiServer.Tests.Security;

public sealed class KubeconfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fastkube-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Write_ReadByTheInstalledKubectl_NamesServerCaAndAdminCredentials()
    {
        if (!File.Exists("/usr/bin/kubectl"))
        {
            Assert.Fail("kubectl is not installed at /usr/bin/kubectl; the machines are documented to have kubectl 1.32");
        }

        using var pki = ClusterPki.LoadOrCreate(Path.Combine(_dir, "pki"), ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        var path = Path.Combine(_dir, "kubeconfig");

        Kubeconfig.Write(path, new Uri("https://127.0.0.1:6443"), pki.CaCertificate, pki.AdminCertificate);

        var server = await Kubectl(path, "{.clusters[0].cluster.server}");
        var caPem = await Kubectl(path, "{.clusters[0].cluster.certificate-authority-data}");
        var keyPem = await Kubectl(path, "{.users[0].user.client-key-data}");
        Assert.Equal("https://127.0.0.1:6443", server);
        Assert.Equal(pki.CaCertificate.ExportCertificatePem(), System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(caPem)));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(keyPem)), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    private static async Task<string> Kubectl(string kubeconfig, string jsonPath)
    {
        var (exit, output, error) = await Hosting.KubectlProcess.Run(kubeconfig, null, "config", "view", "--raw", "-o", "jsonpath=" + jsonPath);
        Assert.True(exit == 0, $"kubectl failed: {error}");
        return output;
    }
}
