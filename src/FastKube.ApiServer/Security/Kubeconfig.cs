using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FastKube.ApiServer.Security;

/// <summary>Writes a kubeconfig (clientcmd v1 Config) with embedded CA, client certificate and key.</summary>
public static class Kubeconfig
{
    public const string ClusterName = "fastkube";
    public const string UserName = "fastkube-admin";

    public static string Render(Uri server, X509Certificate2 ca, X509Certificate2 client)
    {
        var key = client.GetECDsaPrivateKey() ?? throw new ArgumentException("client certificate has no ECDSA private key", nameof(client));
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1");
        text.AppendLine("kind: Config");
        text.AppendLine("clusters:");
        text.AppendLine(CultureInfo.InvariantCulture, $"- name: {ClusterName}");
        text.AppendLine("  cluster:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    server: {server.GetLeftPart(UriPartial.Authority)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    certificate-authority-data: {Base64(ca.ExportCertificatePem())}");
        text.AppendLine("users:");
        text.AppendLine(CultureInfo.InvariantCulture, $"- name: {UserName}");
        text.AppendLine("  user:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    client-certificate-data: {Base64(client.ExportCertificatePem())}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    client-key-data: {Base64(key.ExportPkcs8PrivateKeyPem())}");
        text.AppendLine("contexts:");
        text.AppendLine(CultureInfo.InvariantCulture, $"- name: {ClusterName}");
        text.AppendLine("  context:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    cluster: {ClusterName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    user: {UserName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"current-context: {ClusterName}");
        return text.ToString();
    }

    /// <summary>Writes the kubeconfig readable by its owner only: it holds the admin key.</summary>
    public static void Write(string path, Uri server, X509Certificate2 ca, X509Certificate2 client)
    {
        File.WriteAllText(path, Render(server, ca, client));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
}
