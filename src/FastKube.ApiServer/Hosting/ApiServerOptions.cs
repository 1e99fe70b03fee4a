using System.Net;

namespace FastKube.ApiServer.Hosting;

/// <summary>How the API server listens. Defaults follow kube-apiserver (secure port 6443).</summary>
/// <param name="BindAddress">Address to listen on; default 127.0.0.1 (single-node, loopback only).</param>
/// <param name="Port">Secure port; 0 picks a free port (tests). Default 6443.</param>
/// <param name="MaxRequestBodyBytes">Request body limit; upstream's is 3 MiB (3 * 1024 * 1024), larger bodies get 413.</param>
public sealed record ApiServerOptions(IPAddress BindAddress, int Port = ApiServerOptions.DefaultPort, long MaxRequestBodyBytes = ApiServerOptions.DefaultMaxRequestBodyBytes)
{
    public const int DefaultPort = 6443;
    public const long DefaultMaxRequestBodyBytes = 3 * 1024 * 1024;

    /// <summary>
    /// Concurrent HTTP/2 streams per client connection; each watch holds one. Default 250, the Go HTTP/2
    /// server default kube-apiserver keeps (Kestrel's own default is 100).
    /// </summary>
    public int Http2MaxStreamsPerConnection { get; init; } = 250;

    /// <summary>Sizing of the watch caches; see <see cref="Caching.WatchCacheOptions"/> for the defaults.</summary>
    public Caching.WatchCacheOptions WatchCache { get; init; } = Caching.WatchCacheOptions.Default;

    /// <summary>
    /// The certificate presented to node agents when proxying <c>pods/log</c> (kube-apiserver's
    /// <c>--kubelet-client-certificate</c>); <see cref="ApiServerHost"/> uses the cluster PKI's when null.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? KubeletClientCertificate { get; init; }

    /// <summary>Where Service ClusterIPs come from (kube-apiserver's <c>--service-cluster-ip-range</c>, kubeadm's default 10.96.0.0/12).</summary>
    public IPNetwork ServiceClusterIPRange { get; init; } = IPNetwork.Parse("10.96.0.0/12");

    /// <summary>Where node ports come from, <c>low-high</c> (kube-apiserver's <c>--service-node-port-range</c>, default 30000-32767).</summary>
    public string ServiceNodePortRange { get; init; } = "30000-32767";

    public static ApiServerOptions Default { get; } = new(IPAddress.Loopback);
}
