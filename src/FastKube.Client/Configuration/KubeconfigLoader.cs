using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastKube.Client.Configuration;

/// <summary>
/// Reads a kubeconfig (clientcmd v1 <c>Config</c>: clusters, users, contexts, current-context) and resolves
/// one context into a <see cref="KubeClientConfiguration"/>. Certificates and keys are PEM, inline
/// (<c>*-data</c>, base64) or in files relative to the kubeconfig's directory, as kubectl reads them; keys
/// may be ECDSA or RSA in PKCS#8, SEC1 or PKCS#1 form. Every error names the file and the field.
/// </summary>
public static class KubeconfigLoader
{
    // A kubeconfig holds a few certificates; a larger file is not one and is refused unread.
    private const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Reads <paramref name="path"/> and resolves <paramref name="context"/> (current-context when null).</summary>
    public static KubeClientConfiguration Load(string path, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new KubeconfigException($"{path}: no such file");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new KubeconfigException($"{path}: {info.Length} bytes is larger than the {MaxFileBytes} bytes a kubeconfig may have");
        }

        return Parse(File.ReadAllText(path), context, path, info.DirectoryName);
    }

    /// <summary>
    /// Resolves a kubeconfig given as text. <paramref name="source"/> prefixes error messages;
    /// <paramref name="baseDirectory"/> anchors relative certificate paths (the current directory when null).
    /// </summary>
    public static KubeClientConfiguration Parse(string yaml, string? context = null, string? source = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new Reader(source ?? "kubeconfig", baseDirectory ?? Directory.GetCurrentDirectory());
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode as YamlMappingNode
                ?? throw reader.Error("", "must be a mapping (apiVersion, kind, clusters, users, contexts, current-context)");
        }
        catch (YamlException e)
        {
            throw new KubeconfigException($"{reader.Source}:{e.Start.Line}:{e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var contextName = context ?? reader.Scalar(root, "current-context", "")
            ?? throw reader.Error("current-context", "Required value: the kubeconfig has no current-context and no context was named");
        var contextEntry = reader.Named(root, "contexts", "context", contextName);
        var clusterName = reader.Scalar(contextEntry.Node, "cluster", contextEntry.Path)
            ?? throw reader.Error(contextEntry.Path + ".cluster", "Required value");
        var userName = reader.Scalar(contextEntry.Node, "user", contextEntry.Path);
        var ns = reader.Scalar(contextEntry.Node, "namespace", contextEntry.Path);

        var cluster = reader.Named(root, "clusters", "cluster", clusterName);
        var serverText = reader.Scalar(cluster.Node, "server", cluster.Path)
            ?? throw reader.Error(cluster.Path + ".server", "Required value");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            throw reader.Error(cluster.Path + ".server", $"Invalid value: \"{serverText}\": must be an absolute https:// or http:// URL");
        }

        var caPem = reader.Pem(cluster, "certificate-authority");
        X509Certificate2Collection? roots = null;
        if (caPem is not null)
        {
            roots = [];
            try
            {
                roots.ImportFromPem(caPem);
            }
            catch (CryptographicException e)
            {
                throw reader.Error(cluster.Path + "." + reader.PemField(cluster, "certificate-authority"), $"not a PEM certificate: {e.Message}");
            }

            if (roots.Count == 0)
            {
                throw reader.Error(cluster.Path + "." + reader.PemField(cluster, "certificate-authority"), "holds no PEM CERTIFICATE block");
            }
        }

        X509Certificate2? clientCertificate = null;
        string? token = null;
        if (userName is not null)
        {
            var user = reader.Named(root, "users", "user", userName);
            token = reader.Scalar(user.Node, "token", user.Path);
            var certPem = reader.Pem(user, "client-certificate");
            var keyPem = reader.Pem(user, "client-key");
            if ((certPem is null) != (keyPem is null))
            {
                throw reader.Error(user.Path + (certPem is null ? ".client-certificate-data" : ".client-key-data"), "Required value: client-certificate and client-key come together");
            }

            if (certPem is not null)
            {
                try
                {
                    clientCertificate = X509Certificate2.CreateFromPem(certPem, keyPem);
                }
                catch (CryptographicException e)
                {
                    throw reader.Error(user.Path + "." + reader.PemField(user, "client-key"), $"the client certificate and key do not load as an ECDSA or RSA pair: {e.Message}");
                }
            }
        }

        return new KubeClientConfiguration
        {
            Server = server,
            CertificateAuthorities = roots,
            ClientCertificate = clientCertificate,
            Token = token,
            InsecureSkipTlsVerify = reader.Scalar(cluster.Node, "insecure-skip-tls-verify", cluster.Path) is "true",
            Namespace = string.IsNullOrEmpty(ns) ? KubeClientConfiguration.DefaultNamespace : ns,
        };
    }

    private readonly record struct Entry(YamlMappingNode Node, string Path);

    private sealed class Reader(string source, string baseDirectory)
    {
        public string Source => source;

        public KubeconfigException Error(string field, string message) =>
            new(field.Length == 0 ? $"{source}: {message}" : $"{source}: {field}: {message}");

        public string? Scalar(YamlMappingNode map, string key, string path)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                return null;
            }

            return node switch
            {
                YamlScalarNode { Value: { Length: > 0 } value } => value,
                YamlScalarNode => null,
                _ => throw Error(Join(path, key), "must be a string"),
            };
        }

        /// <summary>Finds <c>list[name=name].field</c>, e.g. clusters[name=fastkube].cluster.</summary>
        public Entry Named(YamlMappingNode root, string list, string field, string name)
        {
            if (root.Children.TryGetValue(new YamlScalarNode(list), out var node) && node is not YamlSequenceNode and not YamlScalarNode { Value: null or "" })
            {
                throw Error(list, "must be a list");
            }

            var items = node as YamlSequenceNode;
            for (var i = 0; i < (items?.Children.Count ?? 0); i++)
            {
                if (items!.Children[i] is not YamlMappingNode item)
                {
                    throw Error($"{list}[{i}]", "must be a mapping with name and " + field);
                }

                if (Scalar(item, "name", $"{list}[{i}]") != name)
                {
                    continue;
                }

                var path = $"{list}[name={name}].{field}";
                return item.Children.TryGetValue(new YamlScalarNode(field), out var value) && value is YamlMappingNode body
                    ? new Entry(body, path)
                    : throw Error(path, "Required value: must be a mapping");
            }

            throw Error(list, $"Not found: no entry named \"{name}\"");
        }

        /// <summary>Which of <c>X-data</c> (base64 inline) or <c>X</c> (file) the entry uses, for error messages.</summary>
        public string PemField(Entry entry, string field) =>
            entry.Node.Children.ContainsKey(new YamlScalarNode(field + "-data")) ? field + "-data" : field;

        /// <summary>The PEM text of <c>X-data</c> (base64) or of the file named by <c>X</c>; null when neither is set.</summary>
        public string? Pem(Entry entry, string field)
        {
            if (Scalar(entry.Node, field + "-data", entry.Path) is { } data)
            {
                try
                {
                    return Encoding.ASCII.GetString(Convert.FromBase64String(data));
                }
                catch (FormatException)
                {
                    throw Error($"{entry.Path}.{field}-data", "Invalid value: not valid base64");
                }
            }

            if (Scalar(entry.Node, field, entry.Path) is not { } file)
            {
                return null;
            }

            var full = Path.GetFullPath(file, baseDirectory);
            try
            {
                return File.ReadAllText(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Error($"{entry.Path}.{field}", $"Invalid value: \"{file}\": cannot read {full}: {e.Message}");
            }
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
    }
}
