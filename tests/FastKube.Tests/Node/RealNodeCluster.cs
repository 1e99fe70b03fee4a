using System.Diagnostics;
using FastKube.ApiServer.Tests.Hosting;
using FastKube.Tests.Support;

namespace FastKube.Tests.Node;

/// <summary>
/// One <c>fastkube up</c> with a real node (managed containerd, CNI bridge) and its service proxy on the
/// host's kernel, shared by every test of the collection: starting containerd and pulling nothing but the
/// local busybox image still takes seconds, and two such nodes on one host would share the bridge and the
/// nf_tables table. Disposal deletes the pods the tests made, stops <c>up</c> and removes the proxy's table.
/// </summary>
public sealed class RealNodeCluster : IAsyncLifetime
{
    public const string Collection = "real-node";
    public const string Image = "localhost/fastkube/busybox:latest";
    public const string PodCidr = "10.247.0.0/24";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("fastkube-node-").FullName;
    private readonly List<string> _startup = [];
    private Process? _up;

    /// <summary>What <c>up</c> printed until it was ready.</summary>
    public IReadOnlyList<string> Startup => _startup;

    public string Kubeconfig => Path.Combine(_dataDir, "kubeconfig");

    public async Task InitializeAsync()
    {
        if (!RealNodeFactAttribute.Available)
        {
            return;
        }

        // A pod CIDR (and so a CNI bridge) of its own: a developer's `fastkube up` or a benchmark's node may run on this host too.
        var kubelet = Path.Combine(_dataDir, "kubelet.yaml");
        await File.WriteAllTextAsync(kubelet, $"""
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            podCIDR: {PodCidr}
            rootDirectory: {_dataDir}/agent
            podLogsDirectory: {_dataDir}/pod-logs
            """);
        var config = Path.Combine(_dataDir, "cluster.yaml");
        await File.WriteAllTextAsync(config, $"""
            apiVersion: fastkube.io/v1alpha1
            kind: ClusterConfiguration
            node:
              runtime: containerd
              kubeletConfig: {kubelet}
            """);
        _up = Process.Start(FastKubeProcess.StartInfo("up", "--config", config, "--data-dir", _dataDir, "--port", "0"))!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await _up.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            _startup.Add(line);
            if (line.StartsWith("fastkube: Ctrl-C to stop", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"fastkube up exited ({_up.ExitCode}): {string.Join('\n', _startup)} {await _up.StandardError.ReadToEndAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (_up is not null)
        {
            await KubectlProcess.Run(Kubeconfig, null, "delete", "deployments,pods,configmaps,secrets", "--all", "-n", "default", "--wait=true", "--timeout=90s");
            await FastKubeProcess.StopAsync(_up);
            _up.Dispose();
            await FastKubeProcess.RunAsync("agent", "--cleanup");
        }

        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // containerd's state may hold a busy mount for a moment; the temp directory is the OS's to reap.
        }
    }

    public async Task<string> Kubectl(string? stdin, params string[] args)
    {
        var (exit, output, error) = await KubectlProcess.Run(Kubeconfig, stdin, args);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', args)}: {error}");
        return output.Trim();
    }

    /// <summary>Polls an HTTP GET until it answers 200 (a pod starting, a rule being programmed); returns the body.</summary>
    public static async Task<string> GetAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                // A new connection per request: the proxy balances connections, not requests.
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url)) { Headers = { ConnectionClose = true } };
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"GET {url} did not answer 200 within 90 s");
            await Task.Delay(250);
        }
    }
}

[CollectionDefinition(RealNodeCluster.Collection)]
public sealed class RealNodeCollection : ICollectionFixture<RealNodeCluster>;
